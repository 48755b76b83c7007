package dev.zscope.detection.art;

/**
 * What is known about a stream before it starts, all optional: its value range and its length (or
 * horizon) in points. ARTime on NAB is given each file's minimum, maximum and row count; with the
 * same hints this detector uses them the same way (value frame, time scale, warm-up). Without
 * them it is strictly streaming.
 *
 * @param min    lowest value expected; NaN or infinite when not given
 * @param max    highest value expected; NaN or infinite when not given
 * @param length points in the stream, or the horizon to scale for; 0 when not given
 */
public record ArtHints(double min, double max, long length) {

    private static final ArtHints NONE = new ArtHints(Double.NaN, Double.NaN, 0);

    public ArtHints {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
        if (hasRange(min, max) && max < min) {
            throw new IllegalArgumentException("max " + max + " is below min " + min);
        }
    }

    /** No hints: strictly streaming. */
    public static ArtHints none() {
        return NONE;
    }

    /** Whether both ends of the range are given. */
    public boolean hasRange() {
        return hasRange(min, max);
    }

    public boolean hasLength() {
        return length > 0;
    }

    private static boolean hasRange(double min, double max) {
        return Double.isFinite(min) && Double.isFinite(max);
    }
}
