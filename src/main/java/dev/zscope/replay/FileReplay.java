package dev.zscope.replay;

import dev.zscope.detection.Detector;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Runs one detector over one CSV and writes the scores next to the rows, through the same
 * {@link PointReplay} loop the backtest uses.
 */
final class FileReplay {

    static final String[] HEADER = {"timestamp", "value", "anomaly_score", "expected", "lower", "upper",
            "anomaly", "severity"};

    private FileReplay() {
    }

    /** Counts of one file's rows. */
    record Counts(long rows, long missing, long anomalies) {
    }

    /** @throws IllegalArgumentException naming the line for a malformed file */
    static Counts run(Detector detector, Reader in, Writer out) throws IOException {
        CSVFormat outFormat = CSVFormat.DEFAULT.builder().setHeader(HEADER).setRecordSeparator('\n').get();
        long[] missing = {0};
        long[] anomalies = {0};
        try (CSVPrinter printer = new CSVPrinter(out, outFormat)) {
            long rows = PointReplay.run(detector, in, (line, r, time, value, v) -> {
                boolean scored = !v.learning() && Double.isFinite(value);
                missing[0] += Double.isFinite(value) ? 0 : 1;
                anomalies[0] += scored && v.anomaly() ? 1 : 0;
                printer.printRecord(r.get("timestamp"), r.get("value"), scored ? v.score() : 0.0,
                        text(v.expected()), text(v.lower()), text(v.upper()), scored && v.anomaly() ? 1 : 0,
                        scored ? v.severity() : 0.0);
                return true;
            });
            return new Counts(rows, missing[0], anomalies[0]);
        }
    }

    private static String text(double d) {
        return Double.isNaN(d) ? "" : Double.toString(d);
    }
}
