package dev.zscope.stream;

/**
 * One processed point as subscribers see it: the observation plus the detector's baseline at
 * that moment, so a chart can draw the value, the rolling mean and the ±threshold·σ band.
 *
 * @param sequence    position of the point in its stream, from 0
 * @param epochMillis observation time
 * @param value       the observed value
 * @param mean        baseline mean (NaN while learning)
 * @param std         baseline standard deviation (NaN while learning)
 * @param threshold   |z| threshold in force
 * @param anomaly     whether the detector flagged it
 * @param injected    whether the simulator injected an anomaly here (false for real sources)
 * @param learning    whether the detector was still learning
 */
public record StreamPoint(long sequence, long epochMillis, double value, double mean, double std,
                          double threshold, boolean anomaly, boolean injected, boolean learning) {

    /** Lower edge of the normal band, mean − threshold·σ (NaN while learning). */
    public double lower() {
        return mean - threshold * std;
    }

    /** Upper edge of the normal band, mean + threshold·σ (NaN while learning). */
    public double upper() {
        return mean + threshold * std;
    }

    /** (value − mean) / σ, infinite when σ is 0 and the value is off the mean, NaN while learning. */
    public double z() {
        if (std == 0) {
            return value == mean ? 0 : Math.copySign(Double.POSITIVE_INFINITY, value - mean);
        }
        return (value - mean) / std;
    }
}
