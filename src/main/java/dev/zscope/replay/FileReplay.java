package dev.zscope.replay;

import dev.zscope.stream.Timestamps;
import dev.zscope.detection.Detector;
import dev.zscope.detection.Verdict;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Runs one detector over one CSV, row by row, streaming: a row is read, scored and written before
 * the next is read, so a file of any size needs constant memory, and a score cannot depend on a
 * later row.
 */
final class FileReplay {

    static final String[] HEADER = {"timestamp", "value", "anomaly_score", "expected", "lower", "upper",
            "anomaly"};
    private static final Set<String> MISSING = Set.of("", "nan", "null", "na", "n/a");

    private FileReplay() {
    }

    /** Counts of one file's rows. */
    record Counts(long rows, long missing, long anomalies) {
    }

    /** @throws IllegalArgumentException naming the line for a malformed file */
    static Counts run(Detector detector, Reader in, Writer out) throws IOException {
        CSVFormat inFormat = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).get();
        CSVFormat outFormat = CSVFormat.DEFAULT.builder().setHeader(HEADER).setRecordSeparator('\n').get();
        long rows = 0;
        long missing = 0;
        long anomalies = 0;
        Verdict v = new Verdict();
        try (CSVParser parser = CSVParser.parse(in, inFormat); CSVPrinter printer = new CSVPrinter(out, outFormat)) {
            if (!parser.getHeaderMap().containsKey("timestamp") || !parser.getHeaderMap().containsKey("value")) {
                throw new IllegalArgumentException("header must name the columns timestamp and value, got "
                        + parser.getHeaderNames());
            }
            for (CSVRecord r : parser) {
                long line = parser.getCurrentLineNumber();
                if (!r.isConsistent()) {
                    throw new IllegalArgumentException("line " + line + ": expected " + parser.getHeaderNames().size()
                            + " fields, got " + r.size());
                }
                String ts = r.get("timestamp");
                long time;
                double value;
                try {
                    time = Timestamps.parse(ts);
                    value = value(r.get("value"));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("line " + line + ": " + e.getMessage());
                }
                detector.update(time, value, v);
                boolean scored = !v.learning() && Double.isFinite(value);
                missing += Double.isFinite(value) ? 0 : 1;
                anomalies += scored && v.anomaly() ? 1 : 0;
                rows++;
                printer.printRecord(ts, r.get("value"), scored ? v.score() : 0.0, text(v.expected()),
                        text(v.lower()), text(v.upper()), scored && v.anomaly() ? 1 : 0);
            }
        }
        return new Counts(rows, missing, anomalies);
    }

    private static double value(String text) {
        if (MISSING.contains(text.strip().toLowerCase(java.util.Locale.ROOT))) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unreadable value '" + text + "' (a number, or empty or NaN for missing)");
        }
    }

    private static String text(double d) {
        return Double.isNaN(d) ? "" : Double.toString(d);
    }
}
