package dev.zscope.alert;

import java.time.Duration;
import java.util.Locale;

/**
 * When a stream's anomalies make an alert: the default rule for every stream, or a stream's own.
 * Timers are measured on the server's clock when verdicts are made, never on the points' timestamps,
 * so a backfilled batch is one incident however much time its points span.
 *
 * @param pending       anomalous verdicts needed within {@code pendingWindow} before the alert fires
 *                      (1: fire on the first)
 * @param pendingWindow the window those verdicts must fall in; a pending alert whose window passes
 *                      without enough of them is dropped, never notified
 * @param keepFiringFor quiet time after the last anomaly before a firing alert resolves
 * @param minSeverity   anomalies with a calibrated severity below this (0..1) are ignored
 * @param nodata        whether a stream that had data and then has none for {@code nodataAfter}
 *                      raises a nodata alert
 * @param nodataAfter   how long without a point is stale
 */
public record AlertRule(int pending, Duration pendingWindow, Duration keepFiringFor, double minSeverity,
                        boolean nodata, Duration nodataAfter) {

    /** The most verdicts a pending rule may ask for (each stream keeps that many times). */
    public static final int MAX_PENDING = 1000;

    /** The longest any timer of a rule may be. */
    public static final Duration MAX_DURATION = Duration.ofDays(30);

    public AlertRule {
        if (pending < 1 || pending > MAX_PENDING) {
            throw new IllegalArgumentException("pending must be between 1 and " + MAX_PENDING + ", not " + pending);
        }
        check("pending window", pendingWindow, true);
        check("keep firing for", keepFiringFor, false);
        check("no-data time", nodataAfter, true);
        if (!(minSeverity >= 0 && minSeverity <= 1)) {
            throw new IllegalArgumentException("minimum severity must be between 0 and 1, not " + minSeverity);
        }
    }

    private static void check(String what, Duration d, boolean positive) {
        if (d == null || d.isNegative() || (positive && d.isZero()) || d.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(what + " must be " + (positive ? "greater than 0" : "0 or more")
                    + " and at most 30 days, not " + (d == null ? "empty" : Durations.text(d)));
        }
    }

    /** In words, for the UI: "fires on 3 anomalies within 5m, resolves after 5m quiet, ...". */
    public String describe() {
        String fire = pending == 1 ? "fires on the first anomaly"
                : String.format(Locale.ROOT, "fires on %d anomalies within %s", pending, Durations.text(pendingWindow));
        String severity = minSeverity > 0 ? String.format(Locale.ROOT, " of severity ≥ %.2f", minSeverity) : "";
        return fire + severity + ", resolves after " + Durations.text(keepFiringFor) + " quiet"
                + (nodata ? ", alerts after " + Durations.text(nodataAfter) + " without data" : "");
    }
}
