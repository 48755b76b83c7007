package dev.zscope.engine;

/**
 * Anomalies in the last hour and the last day, in constant memory per stream: 60 one-minute and
 * 24 one-hour buckets of arrival (wall-clock) time, rolled lazily. The hour count is exact to the
 * minute, the day count to the hour, which is what an overview needs. Not thread-safe: its
 * {@link StreamChannel} calls it under the channel's lock.
 */
final class RecentCounts {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;
    private final int[] minutes = new int[60];
    private final int[] hours = new int[24];
    private long currentMinute = Long.MIN_VALUE;
    private long currentHour = Long.MIN_VALUE;

    void mark(long nowMillis) {
        roll(nowMillis);
        minutes[(int) Math.floorMod(currentMinute, 60)]++;
        hours[(int) Math.floorMod(currentHour, 24)]++;
    }

    /**
     * Counts anomalies found before a restart: {@code lastHour} in the current minute and
     * {@code lastDay} in the current hour, so they stay in the totals for up to an hour and a day
     * (a little longer than exact; the store keeps no arrival times).
     */
    void seed(int lastHour, int lastDay, long nowMillis) {
        roll(nowMillis);
        minutes[(int) Math.floorMod(currentMinute, 60)] += lastHour;
        hours[(int) Math.floorMod(currentHour, 24)] += lastDay;
    }

    int lastHour(long nowMillis) {
        roll(nowMillis);
        int sum = 0;
        for (int m : minutes) {
            sum += m;
        }
        return sum;
    }

    int lastDay(long nowMillis) {
        roll(nowMillis);
        int sum = 0;
        for (int h : hours) {
            sum += h;
        }
        return sum;
    }

    private void roll(long nowMillis) {
        currentMinute = advance(minutes, currentMinute, Math.floorDiv(nowMillis, MINUTE));
        currentHour = advance(hours, currentHour, Math.floorDiv(nowMillis, HOUR));
    }

    private static long advance(int[] buckets, long current, long now) {
        if (current == Long.MIN_VALUE || now - current >= buckets.length) {
            java.util.Arrays.fill(buckets, 0);
            return now;
        }
        for (long b = current + 1; b <= now; b++) {
            buckets[(int) Math.floorMod(b, buckets.length)] = 0;
        }
        return Math.max(current, now);
    }
}
