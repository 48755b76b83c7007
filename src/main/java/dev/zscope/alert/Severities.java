package dev.zscope.alert;

import dev.zscope.engine.Anomaly;

/** The calibrated severity of an anomaly, in [0, 1], higher = rarer. */
final class Severities {

    private Severities() {
    }

    /** The anomaly's calibrated severity; NaN when unknown (anomalies recorded before severity existed). */
    static double of(Anomaly a) {
        return a.severity();
    }

    /**
     * Whether an anomaly of severity {@code s} passes a rule's minimum. An unknown (NaN) severity
     * passes: the minimum is there to cut noise, and an anomaly that cannot be judged is better
     * reported than silently dropped.
     */
    static boolean passes(double s, double min) {
        return min <= 0 || Double.isNaN(s) || s >= min;
    }
}
