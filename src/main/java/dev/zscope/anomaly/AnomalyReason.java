package dev.zscope.anomaly;

import java.util.Locale;

/**
 * Why a point was flagged, in words, from what the detector expected: how far the value lies from
 * the expected value, measured in the band's reach on that side ("3.2× as far above the expected
 * value as the band reaches"), so a reader needs neither the detector's score nor its units. A
 * flagged point inside its band is one the detector found unusual for its pattern, not its size
 * (the default detector judges windows of points, not only single values).
 */
public final class AnomalyReason {

    private AnomalyReason() {
    }

    public static String of(double value, double expected, double lower, double upper) {
        if (!Double.isFinite(value)) {
            return "flagged by the detector's score (no value)";
        }
        if (!Double.isFinite(expected)) {
            return "flagged by the detector's score (it states no expected value here)";
        }
        double distance = value - expected;
        String side = distance >= 0 ? "above" : "below";
        double reach = distance >= 0 ? upper - expected : expected - lower;
        if (!Double.isFinite(reach) || reach <= 0) {
            return String.format(Locale.ROOT, "%s %s the expected value %s (no band here)", num(Math.abs(distance)),
                    side, num(expected));
        }
        double ratio = Math.abs(distance) / reach;
        if (ratio > 1) {
            return String.format(Locale.ROOT, "%s× as far %s the expected value %s as the band reaches (band %s … %s)",
                    times(ratio), side, num(expected), num(lower), num(upper));
        }
        return String.format(Locale.ROOT, "inside the band (%s … %s), %s× as far %s the expected value %s as the"
                + " band reaches: flagged for an unusual pattern, not its size", num(lower), num(upper),
                times(ratio), side, num(expected));
    }

    private static String times(double ratio) {
        return ratio >= 100 ? String.format(Locale.ROOT, "%,.0f", ratio) : String.format(Locale.ROOT, "%.1f", ratio);
    }

    /** Four significant digits, as the grid shows numbers. */
    static String num(double d) {
        return String.format(Locale.ROOT, "%.4g", d);
    }
}
