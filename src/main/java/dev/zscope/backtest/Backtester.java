package dev.zscope.backtest;

import dev.zscope.detection.Detector;
import dev.zscope.detection.DetectorChoice;
import dev.zscope.detection.Verdict;
import dev.zscope.stream.Timestamps;
import dev.zscope.stream.StreamPoint;
import java.io.IOException;
import java.io.Reader;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;

/**
 * Replays a {@code timestamp,value[,label]} CSV through a fresh detector, strictly in order, and
 * reports what it would have raised. It streams the file (ten million rows need no more memory
 * than ten), reports progress in rows and stops early when asked. A row that cannot be read
 * stops the run with a message naming the row, because a silently half-read file would give a
 * misleading answer.
 */
@Service
public class Backtester {

    static final int CHART_POINTS = 4_000;
    static final int CHART_ANOMALIES = 5_000;
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader()
            .setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true).setTrim(true).get();

    /**
     * Runs the replay.
     *
     * @param progress  told the number of rows read so far, every 10,000 rows
     * @param cancelled polled every 10,000 rows; true stops the run with a partial result
     * @throws IllegalArgumentException for a file Zscope cannot read, naming the row and the reason
     */
    public BacktestResult run(Reader csv, DetectorChoice detectorChoice, LongConsumer progress,
                              BooleanSupplier cancelled) throws IOException {
        try (CSVParser parser = CSVParser.builder().setReader(csv).setFormat(FORMAT).get()) {
            Map<String, Integer> header = lowerCase(parser.getHeaderMap());
            Integer time = header.get("timestamp");
            Integer value = header.get("value");
            Integer label = header.containsKey("label") ? header.get("label") : header.get("is_anomaly");
            if (time == null || value == null) {
                throw new IllegalArgumentException("the first line must name the columns timestamp and value"
                        + " (and optionally label); found " + parser.getHeaderNames());
            }
            Detector detector = detectorChoice.create();
            Verdict v = new Verdict();
            ChartSampler chart = new ChartSampler(CHART_POINTS, CHART_ANOMALIES);
            long rows = 0;
            long skipped = 0;
            long anomalies = 0;
            long tp = 0;
            long fp = 0;
            long fn = 0;
            for (CSVRecord r : parser) {
                long row = rows + 2; // 1-based line number, after the header
                long millis = parseTime(r, time, row);
                double x = parseValue(r, value);
                if (!Double.isFinite(x)) {
                    skipped++;
                }
                detector.update(millis, x, v);
                boolean flagged = v.anomaly();
                anomalies += flagged ? 1 : 0;
                if (label != null) {
                    boolean labelled = isTrue(r.get(label));
                    tp += flagged && labelled ? 1 : 0;
                    fp += flagged && !labelled ? 1 : 0;
                    fn += !flagged && labelled ? 1 : 0;
                }
                chart.offer(new StreamPoint(rows, millis, x, v.expected(), v.lower(), v.upper(), v.score(),
                        flagged, false, v.learning()));
                rows++;
                if (rows % 10_000 == 0) {
                    progress.accept(rows);
                    if (cancelled.getAsBoolean()) {
                        return result(rows, skipped, anomalies, chart, label, tp, fp, fn, true);
                    }
                }
            }
            progress.accept(rows);
            return result(rows, skipped, anomalies, chart, label, tp, fp, fn, false);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("the file is not valid CSV: " + e.getMessage(), e);
        }
    }

    private static BacktestResult result(long rows, long skipped, long anomalies, ChartSampler chart,
                                         Integer label, long tp, long fp, long fn, boolean cancelled) {
        return new BacktestResult(rows, skipped, anomalies, chart.points(),
                label == null ? null : new BacktestResult.LabelScore(tp, fp, fn), cancelled);
    }

    private static long parseTime(CSVRecord r, int column, long row) {
        try {
            return Timestamps.parse(r.size() > column ? r.get(column) : "");
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("row " + row + ": " + e.getMessage());
        }
    }

    /** A missing or non-numeric value is a gap (NaN), which the detector skips and counts. */
    private static double parseValue(CSVRecord r, int column) {
        if (r.size() <= column || r.get(column).isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(r.get(column));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static boolean isTrue(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return t.equals("1") || t.equals("true") || t.equals("yes");
    }

    private static Map<String, Integer> lowerCase(Map<String, Integer> header) {
        Map<String, Integer> out = new java.util.HashMap<>();
        header.forEach((k, v) -> out.put(k.trim().toLowerCase(Locale.ROOT), v));
        return out;
    }
}
