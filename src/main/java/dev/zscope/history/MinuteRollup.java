package dev.zscope.history;

import java.nio.ByteBuffer;

/**
 * The summary of one stream's points in one minute of their time, as the writer builds it: count,
 * min, max, sum (for the mean), last value, the mean expected value and band, the largest score and
 * severity, and how many points were flagged. A minute is written when a point of a later minute
 * arrives, or when the stream has been quiet for a while; a minute written twice (a late point, a
 * restart) is merged when read.
 */
final class MinuteRollup {

    static final long MINUTE = 60_000;

    private long minute = Long.MIN_VALUE;
    private int count;
    private double min;
    private double max;
    private double sum;
    private double last;
    private long lastTime = Long.MIN_VALUE;
    private double expectedSum;
    private double lowerSum;
    private double upperSum;
    private int bandCount;
    private double maxScore;
    private double maxSeverity;
    private int anomalies;

    static long minuteOf(long epochMillis) {
        return Math.floorDiv(epochMillis, MINUTE) * MINUTE;
    }

    /** Whether a point at {@code epochMillis} belongs to the minute being summed (if any). */
    boolean accepts(long epochMillis) {
        return count == 0 || minuteOf(epochMillis) == minute;
    }

    boolean isEmpty() {
        return count == 0;
    }

    long minute() {
        return minute;
    }

    void add(long epochMillis, double value, double expected, double lower, double upper, double score,
             double severity, boolean anomaly) {
        if (!Double.isFinite(value)) {
            return; // a missing value: nothing to summarise
        }
        if (count == 0) {
            minute = minuteOf(epochMillis);
            min = value;
            max = value;
            maxScore = Double.NaN;
            maxSeverity = Double.NaN;
        }
        count++;
        min = Math.min(min, value);
        max = Math.max(max, value);
        sum += value;
        if (epochMillis >= lastTime) {
            last = value;
            lastTime = epochMillis;
        }
        if (Double.isFinite(expected) && Double.isFinite(lower) && Double.isFinite(upper)) {
            expectedSum += expected;
            lowerSum += lower;
            upperSum += upper;
            bandCount++;
        }
        maxScore = larger(maxScore, score);
        maxSeverity = larger(maxSeverity, severity);
        if (anomaly) {
            anomalies++;
        }
    }

    private static double larger(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    /** Writes the minute as one record ({@link Blocks#MINUTE_RECORD} bytes) and starts afresh. */
    void writeTo(ByteBuffer out) {
        out.putLong(minute).putInt(count).putDouble(min).putDouble(max).putDouble(sum).putDouble(last)
                .putFloat(bandCount == 0 ? Float.NaN : (float) (expectedSum / bandCount))
                .putFloat(bandCount == 0 ? Float.NaN : (float) (lowerSum / bandCount))
                .putFloat(bandCount == 0 ? Float.NaN : (float) (upperSum / bandCount))
                .putFloat((float) maxScore).putFloat((float) maxSeverity).putInt(anomalies);
        reset();
    }

    private void reset() {
        minute = Long.MIN_VALUE;
        count = 0;
        sum = 0;
        lastTime = Long.MIN_VALUE;
        expectedSum = 0;
        lowerSum = 0;
        upperSum = 0;
        bandCount = 0;
        anomalies = 0;
    }
}
