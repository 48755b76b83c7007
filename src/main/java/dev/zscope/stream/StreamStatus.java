package dev.zscope.stream;

/**
 * A stream's health at a glance, for the header and tests.
 *
 * @param stream          the stream's name
 * @param points          points processed since start
 * @param pointsPerSecond recent rate
 * @param learning        whether the detector is still learning
 * @param learned         points learned so far (meaningful while learning)
 * @param warmup          points needed before verdicts
 * @param anomalies       anomalies detected since start
 * @param injected        anomalies injected by the simulator since start
 * @param skipped         points skipped as not finite
 * @param lastPointMillis time of the last point, 0 if none
 */
public record StreamStatus(String stream, long points, double pointsPerSecond, boolean learning,
                           long learned, int warmup, long anomalies, long injected, long skipped,
                           long lastPointMillis) {
}
