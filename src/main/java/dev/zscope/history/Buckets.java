package dev.zscope.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Thins points to one summary per step while they are read, in any order: per bucket the count, the
 * lowest and highest value with their times, the sum, the newest value and the summed band. Memory
 * is a few arrays of the bucket count (at most {@link HistoryService#MAX_BUCKETS}), whatever the
 * number of points read.
 */
final class Buckets {

    private final long from;
    private final long step;
    private final int n;
    private final int[] count;
    private final double[] min;
    private final double[] max;
    private final long[] minTime;
    private final long[] maxTime;
    private final double[] sum;
    private final double[] last;
    private final long[] lastTime;
    private final double[] expected;
    private final double[] lower;
    private final double[] upper;
    private final double[] banded;

    Buckets(long from, long to, long step) {
        this.from = from;
        this.step = step;
        this.n = (int) ((to - from) / step + 1);
        count = new int[n];
        min = new double[n];
        max = new double[n];
        minTime = new long[n];
        maxTime = new long[n];
        sum = new double[n];
        last = new double[n];
        lastTime = new long[n];
        expected = new double[n];
        lower = new double[n];
        upper = new double[n];
        banded = new double[n];
    }

    static int count(long from, long to, long step) {
        return (int) Math.min(Integer.MAX_VALUE, (to - from) / step + 1);
    }

    private int index(long t) {
        return (int) Math.max(0, Math.min(n - 1, (t - from) / step));
    }

    /** One point as judged. */
    void point(long t, double value, double e, double lo, double hi) {
        if (!Double.isFinite(value)) {
            return;
        }
        int i = index(t);
        add(i, 1, value, t, value, t, value, value, t);
        band(i, 1, e, lo, hi);
    }

    /**
     * A minute's summary. Its lowest and highest values are placed a third and two thirds into the
     * minute, in the order its last value suggests (a minute ending high rose), so a line through
     * them goes the way the points went.
     */
    void minute(long m, int c, double lo, double hi, double s, double lastValue, double e, double bandLo,
                double bandHi) {
        if (c <= 0) {
            return;
        }
        int i = index(m);
        boolean rising = lastValue >= (lo + hi) / 2;
        long early = m + MinuteRollup.MINUTE / 3;
        long late = m + 2 * MinuteRollup.MINUTE / 3;
        add(i, c, lo, rising ? early : late, hi, rising ? late : early, s, lastValue, m + MinuteRollup.MINUTE - 1);
        band(i, c, e, bandLo, bandHi);
    }

    private void add(int i, int c, double lo, long loAt, double hi, long hiAt, double s, double lastValue, long lastAt) {
        if (count[i] == 0 || lo < min[i]) {
            min[i] = lo;
            minTime[i] = loAt;
        }
        if (count[i] == 0 || hi > max[i]) {
            max[i] = hi;
            maxTime[i] = hiAt;
        }
        if (count[i] == 0 || lastAt >= lastTime[i]) {
            last[i] = lastValue;
            lastTime[i] = lastAt;
        }
        count[i] += c;
        sum[i] += s;
    }

    private void band(int i, int weight, double e, double lo, double hi) {
        if (Double.isFinite(e) && Double.isFinite(lo) && Double.isFinite(hi)) {
            expected[i] += weight * e;
            lower[i] += weight * lo;
            upper[i] += weight * hi;
            banded[i] += weight;
        }
    }

    List<Series.Bucket> result() {
        List<Series.Bucket> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (count[i] == 0) {
                continue;
            }
            double w = banded[i];
            out.add(new Series.Bucket(from + i * step, count[i], min[i], minTime[i], max[i], maxTime[i],
                    sum[i] / count[i], last[i], w == 0 ? Double.NaN : expected[i] / w,
                    w == 0 ? Double.NaN : lower[i] / w, w == 0 ? Double.NaN : upper[i] / w));
        }
        return out;
    }
}
