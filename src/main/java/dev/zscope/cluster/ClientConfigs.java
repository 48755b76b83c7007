package dev.zscope.cluster;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings of every Kafka client a node makes, in one place: what the design needs (acks from
 * every in-sync replica, idempotence, committed reads, exactly-once detection) over what the user
 * gave in {@code zscope.cluster.kafka.*} (security, for one), which in turn goes over the defaults.
 */
final class ClientConfigs {

    private ClientConfigs() {
    }

    private static Map<String, Object> common(ClusterProperties p, String clientId) {
        Map<String, Object> c = new HashMap<>(p.kafka());
        c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, p.bootstrapServers());
        c.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return c;
    }

    static Map<String, Object> admin(ClusterProperties p) {
        return common(p, "zscope-admin");
    }

    /** Points, settings, registry and tokens: kept by every in-sync replica before a write counts. */
    static Map<String, Object> producer(ClusterProperties p, String clientId) {
        Map<String, Object> c = common(p, clientId);
        c.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        c.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        c.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return c;
    }

    /** A consumer that reads only committed records; with a group id when it keeps its position in Kafka. */
    static Map<String, Object> consumer(ClusterProperties p, String clientId, String groupId) {
        Map<String, Object> c = common(p, clientId);
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        if (groupId != null) {
            c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return c;
    }

    /**
     * Detection: exactly once (v2), static membership under the node's id (a restart rebalances in
     * under a second), a session timeout that notices a dead instance in seconds, in-memory state in
     * the node's data directory, no record caches (state is written at each commit by its own store),
     * and partitions spread over instances as soon as they join.
     */
    static Map<String, Object> streams(ClusterProperties p, String nodeId, String stateDir) {
        Map<String, Object> c = new HashMap<>(p.kafka());
        c.put(StreamsConfig.APPLICATION_ID_CONFIG, p.topics().detectorApplicationId());
        c.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, p.bootstrapServers());
        c.put(StreamsConfig.CLIENT_ID_CONFIG, "zscope-detector-" + nodeId);
        c.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        c.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        c.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, p.streamThreads());
        c.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, p.commitInterval().toMillis());
        c.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        c.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) p.replicationFactor());
        c.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), nodeId);
        c.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) p.sessionTimeout().toMillis());
        c.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) Math.max(500, p.sessionTimeout().toMillis() / 5));
        c.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                (int) p.transactionTimeout().toMillis());
        // In-memory state: no instance has a partition's state before it owns it, so waiting for one
        // to "catch up" as a warm-up replica gains nothing; tasks spread over instances at once.
        c.putIfAbsent(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, Long.MAX_VALUE);
        return c;
    }
}
