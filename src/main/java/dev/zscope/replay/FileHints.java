package dev.zscope.replay;

import dev.zscope.base.PointText;
import dev.zscope.detection.Detector;
import dev.zscope.detection.StreamHints;
import dev.zscope.detection.Verdict;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Reader;

/**
 * A file's own hints: the minimum and maximum of its values and its number of rows, which is what
 * NAB hands each detector ({@code replay --file-hints}, the backtest's "use the file's range and
 * length"). Read by the same loop as the replay itself ({@link PointReplay}), so a file is parsed
 * one way only; a file that the replay would refuse is refused here with the same message.
 */
public final class FileHints {

    private FileHints() {
    }

    /** The hints of the {@code timestamp,value} CSV {@code in}; no range when it has no finite value. */
    public static StreamHints of(Reader in) throws IOException {
        return of(in, PointText.MAX_LINE_LENGTH);
    }

    /** {@link #of(Reader)} with another line limit. */
    public static StreamHints of(Reader in, int maxLineLength) throws IOException {
        Probe probe = new Probe();
        long rows = PointReplay.run(probe, in, maxLineLength, (line, row, time, value, verdict) -> true);
        return probe.seen == 0 ? new StreamHints(Double.NaN, Double.NaN, rows)
                : new StreamHints(probe.min, probe.max, rows);
    }

    /** Not a detector: it only watches the values go by. */
    private static final class Probe implements Detector {
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private long seen;

        @Override
        public String name() {
            return "file-hints";
        }

        @Override
        public Verdict update(long epochMillis, double value, Verdict out) {
            if (Double.isFinite(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
                seen++;
            }
            return out.learning(name(), value, Double.NaN, 0, seen, 0);
        }

        @Override
        public boolean isLearning() {
            return true;
        }

        @Override
        public long seen() {
            return seen;
        }

        @Override
        public long skipped() {
            return 0;
        }

        @Override
        public void reset() {
            seen = 0;
        }

        @Override
        public void writeState(DataOutput out) {
            throw new UnsupportedOperationException("a probe keeps no state");
        }
    }
}
