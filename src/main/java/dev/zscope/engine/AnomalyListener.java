package dev.zscope.engine;

import java.util.List;

/**
 * Hears of every anomaly the store has kept, with the server time at which it was judged: for
 * consumers that must see each one (alerts), where the feed, a ring that drops its oldest entries
 * for subscribers that fall behind, is not enough. Called on the store's commit thread, in the
 * order the anomalies were kept, so it must only hand them on (enqueue) and never block or throw.
 */
@FunctionalInterface
public interface AnomalyListener {

    /**
     * @param anomalies     the anomalies of one stream found by one call, oldest first
     * @param verdictMillis the engine's clock when they were judged (not the points' timestamps)
     */
    void kept(List<Anomaly> anomalies, long verdictMillis);
}
