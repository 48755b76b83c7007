package dev.zscope.detection.zscore;


/**
 * Mean and population variance of the last {@code capacity} values of a stream: O(1) amortised work
 * and no allocation per value, no division or square root per value, no drift, and a state that
 * depends only on the window's contents.
 *
 * <p><b>Shifted sums, never subtracted.</b> The window's statistics come from Σ(x − c) and
 * Σ(x − c)², c being an <em>anchor</em> near the values, so an offset of 1e9 costs no digits. Sliding
 * sums would add the newest value and subtract the oldest; their rounding errors would accumulate for
 * as long as the stream runs. Here nothing is ever subtracted. Point {@code i} (counting from 0 over
 * the stream's lifetime) belongs to block {@code i / capacity}, and the window always spans the tail
 * of the previous block plus the head of the current one:
 * <ul>
 *   <li>when a block completes, a robust central value of it becomes the anchor
 *       ({@link Anchors#ofBlock}), and one O(capacity) pass computes the sums of every suffix of the
 *       block around it (walked backwards);</li>
 *   <li>the <em>head</em> sums are fed forward around the same anchor as points arrive: one
 *       subtraction, one multiplication and two additions per point;</li>
 *   <li>the window's sums are the tail suffix that is still in the window plus the head.</li>
 * </ul>
 * The anchor is re-chosen at every block, so it never lags the data by more than one window, and
 * every sum is rebuilt from scratch at least once per window: the error stays that of summing at
 * most 2 × capacity numbers, however long the stream runs. Before the first block completes (a
 * growing window) the anchor is the window's first value.
 *
 * <p><b>Flat windows.</b> Sums of identical values need not cancel exactly, so the length of the
 * trailing run of identical values is tracked (one comparison per point): a window whose values are
 * all equal reports exactly that value as its mean and exactly 0 as its variance.
 *
 * <p><b>Why a pure function.</b> Every number above is determined by the window's values, their
 * lifetime indices and the anchor alone, computed in a fixed order. {@link #load} therefore
 * reproduces bit for bit the state that {@link #add} reaches when given the same anchor, which
 * makes snapshot/restore, priming and window changes exact. The anchor has to be given because it
 * is chosen from a whole block, part of which may have left the window since. A window that holds
 * fewer than {@code capacity} values is taken to have grown from empty at index
 * {@code seen - count}.
 */
public final class WindowStats {

    private final int capacity;
    /** Point i lives at ring[i % capacity], which is also its offset in its block. */
    private final double[] ring;
    /**
     * tail[2j], tail[2j + 1]: Σ(x − anchor) and Σ(x − anchor)² over points j..capacity-1 of the
     * previous block, side by side, so that building and reading them is one stream of memory
     * rather than two (measured: the pass that builds them costs a third less).
     */
    private final double[] tail;
    private double anchor;

    private long seen;
    /** seen % capacity, kept as an int so that no 64-bit division runs per point. */
    private int slot;
    private int count;
    /** 1 / count, recomputed only while the window grows. */
    private double inverseCount = Double.NaN;

    private int headCount;
    private double headSum;
    private double headSquares;

    /** The newest value and how many of the newest values equal it, at most {@code count}. */
    private double last = Double.NaN;
    private int run;

    WindowStats(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.ring = new double[capacity];
        this.tail = new double[2 * capacity];
        reset();
    }

    /** Appends a finite value, evicting the oldest one when the window is full. */
    void add(double x) {
        int s = slot;
        ring[s] = x;
        seen++;
        if (count < capacity) {
            count++;
            inverseCount = 1.0 / count;
        }
        run = x == last ? Math.min(run + 1, count) : 1;
        last = x;
        if (count == 1) {
            anchor = x;
        }
        if (s == capacity - 1) {
            slot = 0;
            buildTail(capacity - count);
        } else {
            slot = s + 1;
            addToHead(x);
        }
    }

    /**
     * The anomaly decision, made with multiplications only. With n values in the window, y the new value and S, Q the sums
     * of the window's values and of their squares (all around the anchor), {@code scaledDeviation}
     * is n·y − S = n(y − mean) and {@code scaledVariance} is n·Q − S² = n²·variance, so
     * |z| &gt; t ⇔ scaledDeviation² &gt; t²·scaledVariance: no square root and no division, and
     * multiplications that need no rounding of a mean first. A scaled variance rounded to 0 or
     * below is the flat rule: any deviation is anomalous. Only the first comparison runs for most
     * points: a point that fails it is normal in either case.
     */
    static boolean exceeds(double scaledDeviation, double scaledVariance, double thresholdSquared) {
        double squared = scaledDeviation * scaledDeviation;
        return squared > thresholdSquared * scaledVariance && (scaledVariance > 0 || squared > 0);
    }

    /**
     * Replaces the state with {@code len} values (oldest first, all finite) that are the most recent
     * of {@code seenAfter} points, around {@code anchor} (what {@link #anchor()} returned in the state
     * being reproduced). With a NaN anchor one is chosen from the values: the {@link Anchors#ofBlock} of
     * those of the previous block, else the first value.
     */
    void load(double[] values, int from, int len, long seenAfter, double anchor) {
        if (len < 0 || len > capacity || len > seenAfter) {
            throw new IllegalArgumentException(len + " values cannot be the last of " + seenAfter
                    + " points in a window of " + capacity);
        }
        seen = seenAfter;
        slot = (int) (seenAfter % capacity);
        count = len;
        inverseCount = len == 0 ? Double.NaN : 1.0 / len;
        long start = seenAfter - len;
        for (int k = 0; k < len; k++) {
            ring[(int) ((start + k) % capacity)] = values[from + k];
        }
        last = len == 0 ? Double.NaN : values[from + len - 1];
        run = 0;
        while (run < len && values[from + len - 1 - run] == last) {
            run++;
        }
        long blockStart = seenAfter - slot;
        int tailFrom = (int) (start - (blockStart - capacity));
        if (len == 0) {
            this.anchor = 0.0;
        } else if (!Double.isNaN(anchor)) {
            this.anchor = anchor;
        } else {
            this.anchor = start < blockStart ? Anchors.ofBlock(ring, tailFrom, capacity) : values[from];
        }
        clearHead();
        if (start < blockStart) {
            suffixSums(tailFrom);
        }
        for (long i = Math.max(start, blockStart); i < seenAfter; i++) {
            addToHead(ring[(int) (i % capacity)]);
        }
    }

    void reset() {
        seen = 0;
        slot = 0;
        count = 0;
        inverseCount = Double.NaN;
        anchor = 0.0;
        last = Double.NaN;
        run = 0;
        clearHead();
    }

    /** The window's values, oldest first (a new array). */
    double[] values() {
        double[] out = new double[count];
        long start = seen - count;
        for (int k = 0; k < count; k++) {
            out[k] = ring[(int) ((start + k) % capacity)];
        }
        return out;
    }

    int capacity() { return capacity; }
    int count() { return count; }
    long seen() { return seen; }

    /** Whether the window is not empty and all its values are equal (to {@link #last()}). */
    boolean flat() { return run >= count && count > 0; }

    /** The newest value of the window. */
    double last() { return last; }

    /** A value near the window's values; {@code x - anchor()} is exact for the typical x. */
    double anchor() { return anchor; }

    /** Σ(x − anchor) over the window. */
    double sum() {
        int tailCount = count - headCount;
        return tailCount == 0 ? headSum : tail[2 * (capacity - tailCount)] + headSum;
    }

    /** Σ(x − anchor)² over the window. */
    double squares() {
        int tailCount = count - headCount;
        return tailCount == 0 ? headSquares : tail[2 * (capacity - tailCount) + 1] + headSquares;
    }

    /** 1 / {@link #count()}, computed once per window size. */
    double inverseCount() { return inverseCount; }

    /** The window's mean minus {@link #anchor()}; NaN for an empty window. */
    double shiftedMean() { return sum() * inverseCount; }

    /** The window's mean; exactly the common value of a {@link #flat()} window; NaN when empty. */
    double mean() { return flat() ? last : anchor + shiftedMean(); }

    /** Population variance, never negative; exactly 0 for a {@link #flat()} window; NaN when empty. */
    double variance() {
        if (flat()) {
            return 0.0;
        }
        double sum = sum();
        return variance(sum, sum * inverseCount, squares());
    }

    /** (Σy² − Σy · ȳ) / n, clamped at 0: the variance from sums around the anchor. */
    double variance(double sum, double shiftedMean, double squares) {
        return Math.max(0.0, Math.fma(-sum, shiftedMean, squares) * inverseCount);
    }

    private void addToHead(double x) {
        headCount++;
        double y = x - anchor;
        headSum += y;
        headSquares += y * y;
    }

    private void clearHead() {
        headCount = 0;
        headSum = 0;
        headSquares = 0;
    }

    /**
     * Makes ring[from..capacity-1] (a completed block's points still in the window) the tail: its
     * {@link Anchors#ofBlock} becomes the anchor, around which the head restarts empty.
     */
    private void buildTail(int from) {
        anchor = Anchors.ofBlock(ring, from, capacity);
        suffixSums(from);
    }

    /** The sums around the anchor of every suffix of ring[from..capacity-1], last point first. */
    private void suffixSums(int from) {
        double sum = 0;
        double squares = 0;
        for (int j = capacity - 1; j >= from; j--) {
            double y = ring[j] - anchor;
            sum += y;
            squares += y * y;
            tail[2 * j] = sum;
            tail[2 * j + 1] = squares;
        }
        clearHead();
    }
}
