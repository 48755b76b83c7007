package dev.zscope.cluster;

import dev.zscope.settings.SettingsReplica;
import dev.zscope.settings.ZscopeSettings;
import java.time.Clock;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings shared through the {@code settings} topic: published once to every partition, so that
 * each detection task applies them in order with its points, stamped with when and where they were
 * published so that every reader keeps the same newest ones.
 */
final class KafkaSettingsReplica implements SettingsReplica {

    private static final Logger log = LoggerFactory.getLogger(KafkaSettingsReplica.class);

    private final ClusterProducer producer;
    private final SharedRecords shared;
    private final String topic;
    private final int partitions;
    private final String nodeId;
    private final Clock clock;

    KafkaSettingsReplica(ClusterProducer producer, SharedRecords shared, ClusterProperties properties,
                         int partitions, String nodeId, Clock clock) {
        this.producer = producer;
        this.shared = shared;
        this.topic = properties.topics().settings();
        this.partitions = partitions;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    @Override
    public void publish(ZscopeSettings settings) {
        long now = clock.millis();
        SettingsRecord.Published newest = shared.settings();
        if (newest != null && newest.version().millis() >= now) {
            now = newest.version().millis() + 1; // a clock behind another node's must not lose the change
        }
        byte[] record = SettingsRecord.encode(settings, new SettingsRecord.Version(now, nodeId));
        for (int p = 0; p < partitions; p++) {
            producer.send(new ProducerRecord<>(topic, p, SettingsRecord.DEFAULTS, record)).whenComplete((ok, e) -> {
                if (e != null) {
                    log.error("Settings could not be published to the cluster: {}", e.getMessage());
                }
            });
        }
        producer.flush();
    }

    @Override
    public boolean follow(Consumer<ZscopeSettings> listener) {
        return shared.followSettings(listener);
    }
}
