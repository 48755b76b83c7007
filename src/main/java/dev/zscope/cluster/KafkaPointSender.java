package dev.zscope.cluster;

import dev.zscope.engine.RemoteDetection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where a web node's engine sends points in cluster mode: the {@code points} topic, keyed by the
 * stream's name (so a stream's points stay in one partition, in order), {@link PointChunk#MAX_POINTS}
 * to a record. A write counts once the broker has acknowledged all its records.
 */
final class KafkaPointSender implements RemoteDetection {

    private final ClusterProducer producer;
    private final String topic;
    private final boolean sources;

    KafkaPointSender(ClusterProducer producer, ClusterProperties properties) {
        this.producer = producer;
        this.topic = properties.topics().points();
        this.sources = properties.sources();
    }

    @Override
    public CompletableFuture<Void> send(String stream, long[] times, double[] values, boolean[] injected, int from,
                                        int to, boolean backfill) {
        List<CompletableFuture<Void>> sent = new ArrayList<>((to - from) / PointChunk.MAX_POINTS + 1);
        for (int start = from; start < to; start += PointChunk.MAX_POINTS) {
            int end = Math.min(to, start + PointChunk.MAX_POINTS);
            byte[] chunk = PointChunk.encode(times, values, injected, start, end, backfill);
            // no timestamp: the producer's clock, so that settings apply in the order they were sent
            sent.add(producer.send(new ProducerRecord<>(topic, stream, chunk)));
        }
        return sent.size() == 1 ? sent.getFirst() : CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    @Override
    public boolean sourcesHere() {
        return sources;
    }
}
