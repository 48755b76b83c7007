package dev.zscope.engine;

/**
 * A stream's health at a glance, for the header, the overview and tests.
 *
 * @param stream            the stream's name
 * @param points            points processed since start
 * @param pointsPerSecond   recent rate
 * @param learning          whether the detector is still learning
 * @param learned           points learned so far (meaningful while learning)
 * @param warmup            points needed before verdicts
 * @param anomalies         anomalies detected since start
 * @param injected          anomalies injected by the simulator since start
 * @param skipped           points skipped as not finite
 * @param lastPointMillis   observation time of the last point, 0 if none
 * @param lastValue         the last value, NaN if none
 * @param lastArrivalMillis when (server clock) the last point arrived, 0 if none
 * @param typicalGapMillis  smoothed time between arrivals, 0 until two points arrived
 * @param anomaliesLastHour anomalies that arrived in the last hour
 * @param anomaliesLastDay  anomalies that arrived in the last 24 hours
 */
public record StreamStatus(String stream, long points, double pointsPerSecond, boolean learning,
                           long learned, int warmup, long anomalies, long injected, long skipped,
                           long lastPointMillis, double lastValue, long lastArrivalMillis,
                           long typicalGapMillis, int anomaliesLastHour, int anomaliesLastDay) {

    /** What the overview shows. */
    public enum State { LEARNING, LIVE, STALE }

    /** Quiet for this many typical gaps (and at least {@link #MIN_STALE_MILLIS}) means stale. */
    static final int STALE_GAPS = 5;
    static final long MIN_STALE_MILLIS = 10_000;

    /**
     * Stale when no point arrived for longer than expected: five typical gaps, and at least ten
     * seconds, so a stream written once a minute is not stale between its points.
     */
    public State state(long nowMillis) {
        boolean quiet = lastArrivalMillis == 0
                || nowMillis - lastArrivalMillis > Math.max(MIN_STALE_MILLIS, STALE_GAPS * typicalGapMillis);
        if (quiet && points > 0) {
            return State.STALE;
        }
        return learning ? State.LEARNING : State.LIVE;
    }
}
