package dev.zscope.engine;

import java.util.List;

/**
 * What a subscriber of the engine-wide feed receives per delivery: the anomalies found on any
 * stream since its last batch, oldest first, and how many it missed because it fell further behind
 * than the feed holds (drop-oldest).
 */
public record FeedBatch(List<Anomaly> anomalies, long dropped) {

    public FeedBatch {
        anomalies = List.copyOf(anomalies);
    }
}
