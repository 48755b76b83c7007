package dev.zscope.engine;

/**
 * One processed point as subscribers see it: the observation plus what the detector made of it,
 * so a chart can draw the value, the expected value and the normal band.
 *
 * @param sequence    position of the point in its stream, from 0
 * @param epochMillis observation time
 * @param value       the observed value
 * @param expected    what the detector expected (the rolling mean for {@code zscore}); NaN while
 *                    learning or when the detector has no expectation
 * @param lower       lower edge of the normal band (NaN when unknown)
 * @param upper       upper edge of the normal band (NaN when unknown)
 * @param score       how anomalous: higher is more anomalous, 0 while learning
 * @param severity    the calibrated severity in [0, 1] (see {@code Verdict#severity()}), NaN when unknown
 * @param anomaly     whether the detector flagged it
 * @param injected    whether the simulator injected an anomaly here (false for real sources)
 * @param learning    whether the detector was still learning
 */
public record StreamPoint(long sequence, long epochMillis, double value, double expected, double lower,
                          double upper, double score, double severity, boolean anomaly, boolean injected, boolean learning) {
}
