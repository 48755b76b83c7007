package dev.zscope.engine;

/**
 * Up to {@link #MAX_CAPACITY} consecutive judged points of one stream on their way to the point store:
 * the columns the chart and the read API need, interleaved in one {@code long[]} like the
 * in-memory history, so filling it on the engine's hot path is a handful of stores and no
 * allocation. The engine fills a chunk under the stream's lock and never touches it once handed to
 * the {@link PointOutbox}; its reader gives it back with {@link PointOutbox#recycle}.
 */
public final class PointChunk implements PointOutbox.Item {

    /** Points the largest chunk holds. */
    public static final int MAX_CAPACITY = 1024;
    /** Points the smallest chunk holds: what a slow stream fills between two flushes. */
    static final int MIN_CAPACITY = 16;
    private static final int STRIDE = 8;
    private static final int TIME = 0;
    private static final int VALUE = 1;
    private static final int EXPECTED = 2;
    private static final int LOWER = 3;
    private static final int UPPER = 4;
    private static final int SCORE = 5;
    private static final int SEVERITY = 6;
    private static final int FLAGS = 7;
    /** Flag bits, as the point store keeps them. */
    public static final int ANOMALY = 1;
    public static final int INJECTED = 2;
    public static final int LEARNING = 4;

    private final long[] data;
    private final int capacity;
    private int size;
    private String stream;

    PointChunk(int capacity) {
        this.capacity = capacity;
        this.data = new long[capacity * STRIDE];
    }

    int capacity() {
        return capacity;
    }

    boolean isFull() {
        return size == capacity;
    }

    void add(long epochMillis, double value, double expected, double lower, double upper, double score,
             double severity, int flags) {
        int i = size * STRIDE;
        long[] d = data;
        d[i + TIME] = epochMillis;
        d[i + VALUE] = Double.doubleToRawLongBits(value);
        d[i + EXPECTED] = Double.doubleToRawLongBits(expected);
        d[i + LOWER] = Double.doubleToRawLongBits(lower);
        d[i + UPPER] = Double.doubleToRawLongBits(upper);
        d[i + SCORE] = Double.doubleToRawLongBits(score);
        d[i + SEVERITY] = Double.doubleToRawLongBits(severity);
        d[i + FLAGS] = flags;
        size++;
    }

    /** Names the chunk's stream as it is called when the chunk is handed over. */
    PointChunk seal(String name) {
        stream = name;
        return this;
    }

    void reset() {
        size = 0;
        stream = null;
    }

    /** The stream's name when the chunk was handed over. */
    public String stream() {
        return stream;
    }

    public int size() {
        return size;
    }

    public long time(int i) {
        return data[i * STRIDE + TIME];
    }

    public double value(int i) {
        return bits(i, VALUE);
    }

    public double expected(int i) {
        return bits(i, EXPECTED);
    }

    public double lower(int i) {
        return bits(i, LOWER);
    }

    public double upper(int i) {
        return bits(i, UPPER);
    }

    public double score(int i) {
        return bits(i, SCORE);
    }

    /** The calibrated severity in [0, 1], NaN where the detector gives none. */
    public double severity(int i) {
        return bits(i, SEVERITY);
    }

    /** {@link #ANOMALY}, {@link #INJECTED}, {@link #LEARNING} bits. */
    public int flags(int i) {
        return (int) data[i * STRIDE + FLAGS];
    }

    private double bits(int i, int field) {
        return Double.longBitsToDouble(data[i * STRIDE + field]);
    }
}
