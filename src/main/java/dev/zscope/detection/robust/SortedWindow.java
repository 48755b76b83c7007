package dev.zscope.detection.robust;

import java.util.Arrays;

/**
 * The last {@code capacity} values of a stream, kept both in arrival order (to know which one to
 * evict) and sorted (to read the median and the median absolute deviation).
 *
 * <p>Why a sorted array rather than two heaps: windows are a few hundred points, where one
 * {@code System.arraycopy} per point beats pointer-chasing structures, and the MAD needs the sorted
 * order anyway: it is the k-th smallest distance to the median, found by walking outwards from the
 * median in O(k) without sorting anything.
 */
final class SortedWindow {

    private final double[] ring;
    private final double[] sorted;
    private int count;
    private long added;

    SortedWindow(int capacity) {
        ring = new double[capacity];
        sorted = new double[capacity];
    }

    void add(double x) {
        int slot = (int) (added % ring.length);
        if (count == ring.length) {
            int at = Arrays.binarySearch(sorted, 0, count, ring[slot]);
            System.arraycopy(sorted, at + 1, sorted, at, count - at - 1);
            count--;
        }
        int at = Arrays.binarySearch(sorted, 0, count, x);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, count - at);
        sorted[at] = x;
        count++;
        ring[slot] = x;
        added++;
    }

    int count() {
        return count;
    }

    void clear() {
        count = 0;
        added = 0;
    }

    double median() {
        int mid = count / 2;
        return (count & 1) == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }

    /** The q-quantile (0..1) by the nearest rank; the window must not be empty. */
    double quantile(double q) {
        return sorted[(int) Math.round(q * (count - 1))];
    }

    /** Median of |x - m| over the window, for m inside the window's range. */
    double medianDistance(double m) {
        int right = Arrays.binarySearch(sorted, 0, count, m);
        if (right < 0) {
            right = -right - 1;
        }
        int left = right - 1;
        int wanted = count / 2;
        double previous = 0;
        double current = 0;
        for (int k = 0; k <= wanted; k++) {
            previous = current;
            boolean takeLeft = right >= count || (left >= 0 && m - sorted[left] <= sorted[right] - m);
            current = takeLeft ? m - sorted[left--] : sorted[right++] - m;
        }
        return (count & 1) == 1 ? current : 0.5 * (previous + current);
    }

    /** Writes the values in arrival order, oldest first. */
    void write(java.io.DataOutput out) throws java.io.IOException {
        out.writeLong(added);
        out.writeInt(count);
        for (long i = added - count; i < added; i++) {
            out.writeDouble(ring[(int) (i % ring.length)]);
        }
    }

    /** Reads what {@link #write} wrote into an empty window of the same capacity. */
    void read(java.io.DataInput in) throws java.io.IOException {
        long total = in.readLong();
        int n = in.readInt();
        if (n < 0 || n > ring.length || total < n) {
            throw new java.io.IOException(n + " values do not fit a window of " + ring.length);
        }
        clear();
        added = total - n;
        for (int k = 0; k < n; k++) {
            double x = in.readDouble();
            if (!Double.isFinite(x)) {
                throw new java.io.IOException("a robust state holds a non-finite value");
            }
            add(x);
        }
    }
}
