package dev.zscope.alert;

import java.time.Instant;

/**
 * A triage label on one anomaly (found by its stream and point time), with the figures it had, so
 * precision and threshold suggestions are computed from labels alone.
 */
public record Label(String stream, Instant observedAt, Triage triage, String comment, String by, Instant at,
                    double score, double severity, double threshold, String detector) {
}
