package dev.zscope.detection.shape;

import java.io.Serializable;

/**
 * The maximum of the last {@code capacity} values, O(1) amortised: a deque of candidates kept in
 * decreasing order, the classic monotonic-queue trick, so a long quiet period costs no scan.
 */
final class SlidingMax implements Serializable {

    private final int capacity;
    private final double[] values;
    private final long[] indices;
    private int head;
    private int size;
    private long added;

    SlidingMax(int capacity) {
        this.capacity = capacity;
        this.values = new double[capacity];
        this.indices = new long[capacity];
    }

    /** The maximum of the values currently held, or negative infinity when none. */
    double max() {
        return size == 0 ? Double.NEGATIVE_INFINITY : values[head];
    }

    void add(double x) {
        while (size > 0 && indices[head] <= added - capacity) {
            head = (head + 1) % capacity;
            size--;
        }
        while (size > 0 && values[(head + size - 1) % capacity] <= x) {
            size--;
        }
        int tail = (head + size) % capacity;
        values[tail] = x;
        indices[tail] = added++;
        size++;
    }
}
