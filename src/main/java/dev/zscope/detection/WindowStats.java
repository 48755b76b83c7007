package dev.zscope.detection;

/**
 * Mean and population variance of the last {@code capacity} values of a stream: O(1) amortised work
 * and no allocation per value, no drift, and a state that depends only on the window's contents.
 *
 * <p><b>Why not running sums.</b> Sliding sums add the newest value and subtract the oldest. The
 * subtraction cancels catastrophically when values are large next to their spread (1e9 + noise),
 * and its rounding errors accumulate for as long as the stream runs. Here nothing is ever
 * subtracted. Point {@code i} (counting from 0 over the stream's lifetime) belongs to block
 * {@code i / capacity}, and the window always spans the tail of the previous block plus the head of
 * the current one:
 * <ul>
 *   <li>the <em>head</em> is a Welford accumulator fed forward as points arrive;</li>
 *   <li>the <em>tail</em> is read from Welford accumulators of every suffix of the previous block,
 *       computed backwards in one O(capacity) pass when that block completes;</li>
 *   <li>the two are merged with Chan et al.'s pairwise formula.</li>
 * </ul>
 * Each accumulator works on values minus one of its own points, so an offset of 1e9 costs nothing.
 *
 * <p><b>Why a pure function.</b> Every number above is determined by the window's values and their
 * lifetime indices alone, computed in a fixed order. {@link #load} therefore reproduces bit for bit
 * the state that {@link #add} reaches, which makes snapshot/restore, priming and window changes
 * exact. A window that holds fewer than {@code capacity} values is taken to have grown from empty
 * at index {@code seen - count}.
 */
final class WindowStats {

    private final int capacity;
    /** Point i lives at ring[i % capacity], which is also its offset in its block. */
    private final double[] ring;
    /** tailMean[j], tailM2[j]: points j..capacity-1 of the previous block, minus tailShift. */
    private final double[] tailMean;
    private final double[] tailM2;
    private double tailShift;

    private long seen;
    private int count;

    private int headCount;
    private double headShift;
    private double headMean;
    private double headM2;

    private double shift;
    private double shiftedMean;
    private double variance;

    WindowStats(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.ring = new double[capacity];
        this.tailMean = new double[capacity];
        this.tailM2 = new double[capacity];
        reset();
    }

    /** Appends a finite value, evicting the oldest one when the window is full. */
    void add(double x) {
        int slot = (int) (seen % capacity);
        ring[slot] = x;
        seen++;
        if (count < capacity) {
            count++;
        }
        if (slot == capacity - 1) {
            buildTail(capacity - count);
            clearHead();
        } else {
            addToHead(x);
        }
        merge();
    }

    /**
     * Replaces the state with {@code len} values (oldest first, all finite) that are the most recent
     * of {@code seenAfter} points.
     */
    void load(double[] values, int from, int len, long seenAfter) {
        if (len < 0 || len > capacity || len > seenAfter) {
            throw new IllegalArgumentException(len + " values cannot be the last of " + seenAfter
                    + " points in a window of " + capacity);
        }
        seen = seenAfter;
        count = len;
        long start = seenAfter - len;
        for (int k = 0; k < len; k++) {
            ring[(int) ((start + k) % capacity)] = values[from + k];
        }
        long blockStart = seenAfter - seenAfter % capacity;
        if (start < blockStart) {
            buildTail((int) (start - (blockStart - capacity)));
        }
        clearHead();
        for (long i = Math.max(start, blockStart); i < seenAfter; i++) {
            addToHead(ring[(int) (i % capacity)]);
        }
        merge();
    }

    void reset() {
        seen = 0;
        count = 0;
        clearHead();
        merge();
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
    /** A value near the window's values; {@code x - shift()} is exact for the typical x. */
    double shift() { return shift; }
    /** The window's mean minus {@link #shift()}. */
    double shiftedMean() { return shiftedMean; }
    double mean() { return shift + shiftedMean; }
    /** Population variance, never negative; NaN for an empty window. */
    double variance() { return variance; }

    private void addToHead(double x) {
        if (headCount == 0) {
            headShift = x;
        }
        headCount++;
        double y = x - headShift;
        double delta = y - headMean;
        headMean += delta / headCount;
        headM2 += delta * (y - headMean);
    }

    private void clearHead() {
        headCount = 0;
        headShift = 0;
        headMean = 0;
        headM2 = 0;
    }

    /** Suffix accumulators of the block in ring[from..capacity-1], last point first. */
    private void buildTail(int from) {
        tailShift = ring[capacity - 1];
        double mean = 0;
        double m2 = 0;
        int n = 0;
        for (int j = capacity - 1; j >= from; j--) {
            double y = ring[j] - tailShift;
            n++;
            double delta = y - mean;
            mean += delta / n;
            m2 += delta * (y - mean);
            tailMean[j] = mean;
            tailM2[j] = m2;
        }
    }

    private void merge() {
        int tailCount = count - headCount;
        double m2;
        if (count == 0) {
            shift = 0;
            shiftedMean = Double.NaN;
            variance = Double.NaN;
            return;
        } else if (tailCount == 0) {
            shift = headShift;
            shiftedMean = headMean;
            m2 = headM2;
        } else {
            int j = capacity - tailCount;
            shift = tailShift;
            if (headCount == 0) {
                shiftedMean = tailMean[j];
                m2 = tailM2[j];
            } else {
                double delta = (headMean + (headShift - tailShift)) - tailMean[j];
                double headShare = (double) headCount / count;
                shiftedMean = tailMean[j] + delta * headShare;
                m2 = tailM2[j] + headM2 + delta * delta * tailCount * headShare;
            }
        }
        variance = Math.max(0.0, m2 / count);
    }
}
