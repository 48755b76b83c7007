package dev.zscope.cluster;

import dev.zscope.engine.Anomaly;
import dev.zscope.engine.AnomalyObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The hook for what must happen once per anomaly across the cluster, such as alert evaluation: web
 * nodes share one consumer group on the {@code anomalies} topic, so each partition, and with it each
 * stream, has exactly one owner at a time, which hands its anomalies to the {@link AnomalyObserver}s.
 * A partition whose owner fails moves to another node, which starts after the last position the
 * failed one confirmed (after the observers returned), so anomalies are seen at least once.
 */
final class AlertFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);

    private final ClusterProperties properties;
    private final String nodeId;
    private final List<AnomalyObserver> observers;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private volatile boolean running;

    AlertFeed(ClusterProperties properties, String nodeId, List<AnomalyObserver> observers) {
        this.properties = properties;
        this.nodeId = nodeId;
        this.observers = List.copyOf(observers);
    }

    @Override
    public synchronized void start() {
        if (observers.isEmpty()) {
            return; // nothing to evaluate: no consumer, no group
        }
        ClusterTopics topics = properties.topics();
        consumer = new KafkaConsumer<>(ClientConfigs.consumer(properties, "zscope-alerts-" + nodeId,
                topics.alertsGroup()));
        consumer.subscribe(List.of(topics.anomalies()));
        running = true;
        thread = Thread.ofPlatform().name("zscope-alerts").start(this::run);
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                List<Anomaly> anomalies = new ArrayList<>(records.count());
                for (ConsumerRecord<String, byte[]> r : records) {
                    try {
                        anomalies.add(AnomalyRecord.decode(r.key(), r.value()).anomaly());
                    } catch (IllegalArgumentException e) {
                        log.warn("Skipped an unreadable anomaly record: {}", e.getMessage());
                    }
                }
                for (AnomalyObserver o : observers) {
                    try {
                        o.observe(anomalies);
                    } catch (RuntimeException e) {
                        log.error("Anomaly observer {} failed on {} anomalies", o, anomalies.size(), e);
                    }
                }
                try {
                    consumer.commitSync();
                } catch (CommitFailedException | RebalanceInProgressException e) {
                    // the partitions moved while the observers ran: their new owner sees these again
                    log.info("Alert positions not confirmed ({}); the partitions' new owner reads on from the last"
                            + " confirmed one", e.getMessage());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("The alert feed stopped; another node takes its partitions over", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
