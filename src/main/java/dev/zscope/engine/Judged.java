package dev.zscope.engine;

/**
 * A point judged elsewhere (cluster mode), as the engine of a web node receives it: the point, what
 * the detector made of it, and the stream's counters at that point, which are absolute so that
 * receiving the same verdict twice or skipping thinned ones changes nothing.
 *
 * @param epochMillis observation time
 * @param value       the observed value
 * @param expected    what the detector expected (NaN when unknown)
 * @param lower       lower edge of the normal band (NaN when unknown)
 * @param upper       upper edge of the normal band (NaN when unknown)
 * @param score       how anomalous
 * @param anomaly     whether the detector flagged it
 * @param injected    whether the simulator injected an anomaly here
 * @param learning    whether the detector was still learning
 * @param backfill    a point of the stream's past: it joins the history but counts for nothing
 * @param points      live points the stream had judged, this one included
 * @param learned     points the detector had learned from
 * @param warmup      points the detector needs before verdicts
 * @param skipped     points skipped as not finite
 */
public record Judged(long epochMillis, double value, double expected, double lower, double upper, double score,
                     boolean anomaly, boolean injected, boolean learning, boolean backfill, long points,
                     long learned, int warmup, long skipped) {
}
