package dev.zscope.replay;

import dev.zscope.base.PointText;
import dev.zscope.detection.Detector;
import dev.zscope.detection.Verdict;
import java.io.IOException;
import java.io.Reader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The one loop that replays a {@code timestamp,value} CSV through a detector, row by row and
 * streaming, for the replay command and the backtest in the UI alike: a row is read, parsed and
 * scored before the next is read, so a file of any size needs constant memory and a score never
 * depends on a later row. A malformed row stops the replay with its line number.
 *
 * <p>The file is read through {@link PointText#lines}: a byte order mark at its start is dropped (so
 * a header saved by a Windows editor is still {@code timestamp,value}), and a line longer than
 * {@link PointText#MAX_LINE_LENGTH} characters stops the replay with its line number, so that a file
 * without line breaks cannot fill the memory. No time window applies: files may hold any time.
 */
public final class PointReplay {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true).get();

    /** Receives every row with its verdict; returns false to stop early (e.g. the user cancelled). */
    @FunctionalInterface
    public interface Sink {
        boolean accept(long line, CSVRecord row, long epochMillis, double value, Verdict verdict)
                throws IOException;
    }

    private PointReplay() {
    }

    /**
     * Replays {@code in} through {@code detector}; returns the number of data rows read.
     *
     * @throws IllegalArgumentException for a malformed file, naming the line and the reason
     */
    public static long run(Detector detector, Reader in, Sink sink) throws IOException {
        return run(detector, in, PointText.MAX_LINE_LENGTH, sink);
    }

    /**
     * {@link #run(Detector, Reader, Sink)} with another line limit.
     *
     * @param maxLineLength the longest line, in characters, without its line break
     */
    public static long run(Detector detector, Reader in, int maxLineLength, Sink sink) throws IOException {
        Verdict v = new Verdict();
        long rows = 0;
        try (CSVParser parser = CSVParser.parse(PointText.lines(in, maxLineLength), FORMAT)) {
            if (!parser.getHeaderMap().containsKey("timestamp") || !parser.getHeaderMap().containsKey("value")) {
                throw new IllegalArgumentException("header must name the columns timestamp and value, got "
                        + parser.getHeaderNames());
            }
            for (CSVRecord r : parser) {
                long line = parser.getCurrentLineNumber();
                if (!r.isConsistent()) {
                    throw new IllegalArgumentException("line " + line + ": expected "
                            + parser.getHeaderNames().size() + " fields, got " + r.size());
                }
                long time;
                double value;
                try {
                    time = PointText.timestamp(r.get("timestamp"), PointText.Mode.LENIENT);
                    value = PointText.value(r.get("value"), PointText.Mode.LENIENT);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("line " + line + ": " + e.getMessage());
                }
                detector.update(time, value, v);
                rows++;
                if (!sink.accept(line, r, time, value, v)) {
                    break;
                }
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException("not valid CSV: " + e.getMessage(), e);
        }
        return rows;
    }
}
