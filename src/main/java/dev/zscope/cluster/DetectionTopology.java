package dev.zscope.cluster;

import dev.zscope.detection.catalog.DetectorChoice;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/**
 * The detection topology (Processor API): the {@code points} and {@code settings} topics into one
 * {@link DetectProcessor} per partition, with its {@link DetectorStore}; anomalies and verdicts out,
 * keyed and partitioned like the points.
 */
final class DetectionTopology {

    static final String STORE = "detectors";

    private DetectionTopology() {
    }

    /**
     * @param configuredDefault what streams run until a default is published on the settings topic
     * @param verdictInterval   thinning of the verdicts (see {@link ClusterProperties#verdictInterval})
     */
    static Topology build(ClusterTopics topics, DetectorChoice configuredDefault, Duration verdictInterval) {
        Topology t = new Topology();
        StringDeserializer keys = new StringDeserializer();
        ByteArrayDeserializer values = new ByteArrayDeserializer();
        t.addSource("points", keys, values, topics.points());
        t.addSource("settings", keys, values, topics.settings());
        long interval = verdictInterval.toMillis();
        t.addProcessor("detect", () -> new DetectProcessor(topics.settings(), STORE, interval), "points", "settings");
        t.addStateStore(new DetectorStoreBuilder(STORE, configuredDefault), "detect");
        t.addSink(DetectProcessor.ANOMALIES, topics.anomalies(), new StringSerializer(), new ByteArraySerializer(),
                "detect");
        t.addSink(DetectProcessor.VERDICTS, topics.verdicts(), new StringSerializer(), new ByteArraySerializer(),
                "detect");
        return t;
    }
}
