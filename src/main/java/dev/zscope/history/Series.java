package dev.zscope.history;

import java.util.List;

/**
 * A stream's points over a time range, thinned to one summary per step, with every anomaly (and
 * every point the simulator injected) kept as it was judged.
 *
 * @param stream         the stream
 * @param from           start of the range (epoch ms, inclusive)
 * @param to             end of the range (epoch ms, inclusive)
 * @param step           the width of a bucket (ms)
 * @param buckets        the non-empty buckets, oldest first
 * @param marks          the anomalies and injected points in the range, oldest first
 * @param marksTruncated whether there were more marks than a series holds ({@link HistoryService#MAX_MARKS})
 * @param lastSequence   the engine's sequence number of the newest in-memory point included, or -1:
 *                       a live chart appends the points after it, with no gap and no overlap
 */
public record Series(String stream, long from, long to, long step, List<Bucket> buckets, List<Mark> marks,
                     boolean marksTruncated, long lastSequence) {

    public Series {
        buckets = List.copyOf(buckets);
        marks = List.copyOf(marks);
    }

    /**
     * The points of one step. A bucket of one point is that point; otherwise its lowest and highest
     * values say where the line went, and the band is the mean of the points' bands.
     *
     * @param start    the bucket's start (epoch ms)
     * @param count    how many points it summarises
     * @param min      the lowest value, at {@code minTime}
     * @param max      the highest value, at {@code maxTime}
     * @param mean     the mean value
     * @param last     the value of the newest point
     * @param expected the mean expected value (NaN when the detector gave none)
     * @param lower    the mean lower edge of the band (NaN when none)
     * @param upper    the mean upper edge of the band (NaN when none)
     */
    public record Bucket(long start, int count, double min, long minTime, double max, long maxTime, double mean,
                         double last, double expected, double lower, double upper) {
    }

    /**
     * A point kept whole: an anomaly, or a point where the simulator injected one.
     *
     * @param severity the calibrated severity in [0, 1], NaN where unknown
     */
    public record Mark(long time, double value, double expected, double lower, double upper, double score,
                       double severity, boolean anomaly, boolean injected) {
    }
}
