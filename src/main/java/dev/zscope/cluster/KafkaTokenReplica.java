package dev.zscope.cluster;

import dev.zscope.ingest.TokenReplica;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** API tokens shared through the compacted {@code tokens} topic (hashes only). */
final class KafkaTokenReplica implements TokenReplica {

    private static final Logger log = LoggerFactory.getLogger(KafkaTokenReplica.class);

    private final ClusterProducer producer;
    private final SharedRecords shared;
    private final String topic;

    KafkaTokenReplica(ClusterProducer producer, SharedRecords shared, ClusterProperties properties) {
        this.producer = producer;
        this.shared = shared;
        this.topic = properties.topics().tokens();
    }

    @Override
    public void publish(SharedToken token) {
        producer.send(new ProducerRecord<>(topic, token.sha256(), TokenRecord.encode(token))).whenComplete((ok, e) -> {
            if (e != null) {
                log.error("Token '{}' could not be shared with the cluster: {}", token.info().name(), e.getMessage());
            }
        });
    }

    @Override
    public void follow(Consumer<SharedToken> listener) {
        shared.followTokens(listener);
    }
}
