package dev.zscope.detection;

/** Shared arithmetic for turning a deviation into a score. */
public final class Scales {

    private Scales() {
    }

    /**
     * A spread never smaller than a tiny fraction of the level. On a flat line the spread is 0 and
     * any change would score infinity; infinities tie with each other and so cannot be ranked by a
     * threshold. The floor keeps the score finite, and still huge, for the first change after a
     * flat stretch.
     */
    public static double floored(double spread, double level) {
        double floor = floor(level);
        return spread > floor ? spread : floor;
    }

    /** The smallest spread {@link #floored} lets through, per unit of level (and at levels below 1). */
    static final double FLOOR = 1e-9;

    /** The smallest spread {@link #floored} lets through at this level. */
    public static double floor(double level) {
        return FLOOR * Math.max(1.0, Math.abs(level));
    }
}
