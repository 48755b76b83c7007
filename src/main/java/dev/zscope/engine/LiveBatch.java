package dev.zscope.engine;

import java.util.List;

/**
 * One delivery of a {@link LiveSubscription}: the new points of the stream it follows (if any)
 * with that stream's status, and the anomalies found on any stream since the last delivery.
 *
 * @param stream           the stream followed, or null
 * @param points           its new points since the last delivery, oldest first
 * @param droppedPoints    points missed because the subscriber fell further behind than the history holds
 * @param status           the followed stream's status at delivery time, or null
 * @param anomalies        anomalies found on any stream since the last delivery, oldest first
 * @param droppedAnomalies anomalies missed because the subscriber fell behind the feed
 */
public record LiveBatch(String stream, List<StreamPoint> points, long droppedPoints, StreamStatus status,
                        List<Anomaly> anomalies, long droppedAnomalies) {

    public LiveBatch {
        points = List.copyOf(points);
        anomalies = List.copyOf(anomalies);
    }
}
