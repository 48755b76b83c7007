package dev.zscope.alert;

import dev.zscope.engine.Anomaly;
import dev.zscope.engine.AnomalyListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Between the engine and the alert evaluator: a bounded queue the engine's commit thread only
 * offers to, so detection never waits for alerting. When the queue is full, arrivals are merged
 * per stream (count, strongest and last anomaly, latest time) instead of dropped, so no alert
 * change is ever lost; the memory this takes is bounded by the number of streams.
 */
final class AlertIntake implements AnomalyListener {

    private final BlockingQueue<Arrival> queue;
    private final Map<String, Arrival> merged = new ConcurrentHashMap<>();
    private final AtomicLong mergedCount = new AtomicLong();
    private final Runnable wake;

    /** @param wake tells the evaluator there is work (must not block) */
    AlertIntake(int capacity, Runnable wake) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.wake = wake;
    }

    @Override
    public void kept(List<Anomaly> anomalies, long verdictMillis) {
        if (anomalies.isEmpty()) {
            return;
        }
        Arrival a = new Arrival(anomalies.getFirst().stream(), verdictMillis, anomalies, 0);
        if (!queue.offer(a)) {
            merged.merge(a.stream(), a, Arrival::merge);
            mergedCount.incrementAndGet();
        }
        wake.run();
    }

    /** Everything waiting, queued arrivals first (they are older than merged ones of their stream). */
    List<Arrival> drain() {
        List<Arrival> out = new ArrayList<>(queue.size());
        queue.drainTo(out);
        if (!merged.isEmpty()) {
            for (String stream : List.copyOf(merged.keySet())) {
                Arrival a = merged.remove(stream);
                if (a != null) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    boolean isEmpty() {
        return queue.isEmpty() && merged.isEmpty();
    }

    /** Arrivals merged because the queue was full, since start: for the load tool and diagnostics. */
    long mergedCount() {
        return mergedCount.get();
    }
}
