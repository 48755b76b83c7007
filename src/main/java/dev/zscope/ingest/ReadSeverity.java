package dev.zscope.ingest;

import dev.zscope.anomaly.AnomalyQuery;
import dev.zscope.engine.Anomaly;

/**
 * The read API's {@code severity}: until anomalies carry a calibrated severity of their own, none
 * is known (NaN, written as null) and {@code minSeverity} keeps only anomalies of known severity,
 * which is none. One place, so that switching to {@code Anomaly.severity()} is two lines.
 */
final class ReadSeverity {

    private ReadSeverity() {
    }

    static double of(Anomaly a) {
        return Double.NaN;
    }

    static AnomalyQuery atLeast(AnomalyQuery query, double minSeverity) {
        return query.withTimeRange(java.time.Instant.EPOCH, java.time.Instant.EPOCH); // nothing of known severity yet
    }
}
