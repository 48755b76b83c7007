package dev.zscope.engine;

import java.util.List;

/**
 * Something that must see each anomaly once per deployment rather than once per server, such as
 * alert evaluation and delivery. In single-server mode the engine calls every observer bean once
 * the anomalies are durable (on the store's committer thread: hand work off, do not block). In
 * cluster mode the web node that owns the stream's partition of the anomalies topic calls it (one
 * consumer group shared by all web nodes), so a stream is evaluated on exactly one node at a time;
 * after a node fails, anomalies it had not confirmed may be seen again by the next owner.
 */
@FunctionalInterface
public interface AnomalyObserver {

    /** Anomalies of any streams, each stream's in the order found. */
    void observe(List<Anomaly> anomalies);
}
