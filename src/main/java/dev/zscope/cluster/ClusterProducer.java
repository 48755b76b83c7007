package dev.zscope.cluster;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.DisposableBean;

/**
 * The node's one producer (thread-safe, batching): points, settings, registry and token records,
 * each counted as written once every in-sync replica has it ({@code acks=all}, idempotent).
 */
final class ClusterProducer implements DisposableBean {

    private final Producer<String, byte[]> producer;

    ClusterProducer(ClusterProperties properties, String nodeId) {
        this(new KafkaProducer<>(ClientConfigs.producer(properties, "zscope-" + nodeId)));
    }

    ClusterProducer(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** Sends a record; the future completes once it is acknowledged, or fails with the reason. */
    CompletableFuture<Void> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer.send(record, (meta, failure) -> {
                if (failure != null) {
                    done.completeExceptionally(failure);
                } else {
                    done.complete(null);
                }
            });
        } catch (RuntimeException e) { // e.g. no metadata within max.block.ms: the broker is unreachable
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Sends every buffered record now. */
    void flush() {
        producer.flush();
    }

    @Override
    public void destroy() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
