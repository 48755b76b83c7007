package dev.zscope.cluster;

import dev.zscope.detection.catalog.DetectorChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs detection (Kafka Streams) on a node with the detector role, or the role {@code all}: starts
 * it once the topics exist, replaces a stream thread that died of an unexpected error, and on a
 * clean stop commits and leaves the group at once, so another instance takes the partitions over
 * within a second (a crash is noticed after {@code zscope.cluster.session-timeout}).
 */
final class DetectorRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DetectorRunner.class);
    /** Logged when detection is running; tools and tests wait for it. */
    static final String RUNNING = "Detection RUNNING";

    private final ClusterProperties properties;
    private final DetectorChoice configuredDefault;
    private volatile KafkaStreams streams;

    DetectorRunner(ClusterProperties properties, DetectorChoice configuredDefault) {
        this.properties = properties;
        this.configuredDefault = configuredDefault;
    }

    @Override
    public synchronized void start() {
        TopicSetup.ensure(properties);
        String nodeId = NodeId.of(properties.dataDirectory());
        Path stateDir = properties.dataDirectory().resolve("kafka-streams").toAbsolutePath();
        Properties config = new Properties();
        config.putAll(ClientConfigs.streams(properties, nodeId, stateDir.toString()));
        streams = new KafkaStreams(DetectionTopology.build(properties.topics(), configuredDefault,
                properties.verdictInterval()), config);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("A detection thread failed; it is replaced and its partitions are judged again from the"
                    + " last commit", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                log.info("{} (node {}, {} thread(s), default detector {}): judging partitions {}", RUNNING, nodeId,
                        properties.streamThreads(), configuredDefault, ownedPartitions());
            } else {
                log.info("Detection {} (was {})", now, before);
            }
        });
        streams.start();
    }

    /** The points partitions this instance judges now. */
    private java.util.List<Integer> ownedPartitions() {
        KafkaStreams s = streams;
        if (s == null) {
            return java.util.List.of();
        }
        return s.metadataForLocalThreads().stream().flatMap(t -> t.activeTasks().stream())
                .flatMap(t -> t.topicPartitions().stream())
                .filter(tp -> tp.topic().equals(properties.topics().points()))
                .map(org.apache.kafka.common.TopicPartition::partition).sorted().toList();
    }

    @Override
    public synchronized void stop() {
        if (streams != null) {
            streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
            streams = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return streams != null;
    }

    /** After the web parts: detection starts last and stops first. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
