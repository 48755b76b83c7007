package dev.zscope.alert;

/**
 * Kibana's flapping rule for one stream: how often its alert changed state (fired or went quiet)
 * within the last {@value #EVALUATIONS} evaluations, one evaluation per group interval. With
 * {@value #CHANGES} or more changes the alert is flapping. Buckets of server time, so it costs the
 * same whether the stream sends a point a second or an hour.
 */
final class FlapHistory {

    static final int EVALUATIONS = 20;
    static final int CHANGES = 4;

    private final int[] buckets = new int[EVALUATIONS];
    private final long interval;
    private long bucketStart = Long.MIN_VALUE;
    private int current;

    FlapHistory(long intervalMillis) {
        this.interval = Math.max(1, intervalMillis);
    }

    /** Moves the window on to {@code now}: evaluations that ended drop out. */
    void roll(long now) {
        if (bucketStart == Long.MIN_VALUE) {
            bucketStart = now;
            return;
        }
        long steps = (now - bucketStart) / interval;
        if (steps <= 0) {
            return;
        }
        int n = (int) Math.min(steps, buckets.length);
        for (int k = 0; k < n; k++) {
            current = (current + 1) % buckets.length;
            buckets[current] = 0;
        }
        bucketStart += steps * interval;
    }

    /** Counts a change of state at {@code now}. */
    void change(long now) {
        roll(now);
        buckets[current]++;
    }

    /** A restored flapping alert: as many changes as make it flapping, so it settles in full time. */
    void seedFlapping(long now) {
        roll(now);
        buckets[current] += CHANGES;
    }

    int changes() {
        int sum = 0;
        for (int b : buckets) {
            sum += b;
        }
        return sum;
    }

    boolean flapping() {
        return changes() >= CHANGES;
    }
}
