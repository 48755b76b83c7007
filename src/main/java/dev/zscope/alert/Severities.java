package dev.zscope.alert;

import dev.zscope.engine.Anomaly;

/** The calibrated severity of an anomaly, in [0, 1], higher = rarer. */
final class Severities {

    private Severities() {
    }

    /** NaN when the detector gave none: then only a minimum severity of 0 lets it through. */
    static double of(Anomaly a) {
        return Double.NaN; // TODO: a.severity() once main has it
    }

    /** Whether an anomaly of severity {@code s} passes a rule's minimum. */
    static boolean passes(double s, double min) {
        return min <= 0 || s >= min;
    }
}
