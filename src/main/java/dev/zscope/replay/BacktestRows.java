package dev.zscope.replay;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Collects a backtest's flagged and missed rows: every one goes to the CSV the page offers for
 * download (streamed to a file, so a run that flags millions of rows needs no more memory), and the
 * first {@value #LISTED} are kept for the page's list.
 */
final class BacktestRows {

    /** Rows the page lists; the download has them all. */
    static final int LISTED = 1_000;

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader(BacktestRow.HEADER)
            .setRecordSeparator('\n').get();

    private final List<BacktestRow> listed = new ArrayList<>();
    private final CSVPrinter csv;
    private long count;

    /** @param out where the CSV goes, or null for none (the list only) */
    BacktestRows(Writer out) throws IOException {
        this.csv = out == null ? null : new CSVPrinter(out, FORMAT);
    }

    void add(BacktestRow row) throws IOException {
        count++;
        if (listed.size() < LISTED) {
            listed.add(row);
        }
        if (csv != null) {
            csv.printRecord(row.line(), Instant.ofEpochMilli(row.epochMillis()), number(row.value()),
                    number(row.score()), number(row.severity()), number(row.expected()), number(row.lower()), number(row.upper()),
                    row.flagged(), row.labelled() == null ? "" : row.labelled());
        }
    }

    /** Writes out what is buffered. */
    void flush() throws IOException {
        if (csv != null) {
            csv.flush();
        }
    }

    List<BacktestRow> listed() {
        return List.copyOf(listed);
    }

    long count() {
        return count;
    }

    private static String number(double d) {
        return Double.isNaN(d) ? "" : Double.toString(d);
    }
}
