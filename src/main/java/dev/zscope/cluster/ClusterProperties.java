package dev.zscope.cluster;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Cluster mode, bound from {@code zscope.cluster.*} (src/docs/cluster.md). Cluster mode is on when
 * {@code bootstrap-servers} is set; without it nothing here is used and the server runs alone.
 *
 * @param bootstrapServers    the Kafka brokers, {@code host:port,...}
 * @param role                {@code all}, {@code web} or {@code detector}; the detector role must be
 *                            given on the command line or as {@code ZSCOPE_CLUSTER_ROLE}, since it
 *                            decides which application starts
 * @param topicPrefix         put before every topic name and the detectors' application id
 * @param partitions          partitions of the topics created at start: the most detector instances
 *                            that can share the work
 * @param replicationFactor   replicas of each topic created at start; -1 takes the broker's default
 * @param sources             whether the simulator and pull sources run on this node (on exactly one)
 * @param dataDirectory       where the node id and the detectors' local state live; normally
 *                            {@code zscope.data-dir}
 * @param sessionTimeout      how soon a detector instance that died is noticed and its streams move
 * @param transactionTimeout  how long readers may wait for the open transaction of a detector that died
 * @param commitInterval      how often detection commits (results become visible at each commit)
 * @param verdictInterval     thinning of the verdicts topic: per stream at most one verdict per this
 *                            much point time, anomalies and changes of learning always; 0 keeps all
 * @param streamThreads       detection threads per detector instance
 * @param kafka               further client settings for every Kafka client (e.g. {@code security.protocol})
 */
@Validated
@ConfigurationProperties("zscope.cluster")
public record ClusterProperties(String bootstrapServers,
                                @DefaultValue("all") @NotNull ClusterRole role,
                                @DefaultValue("zscope.") @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{0,100}") String topicPrefix,
                                @DefaultValue("8") @Min(1) @Max(10_000) int partitions,
                                @DefaultValue("-1") @Min(-1) @Max(100) short replicationFactor,
                                @DefaultValue("false") boolean sources,
                                @DefaultValue("data") @NotNull Path dataDirectory,
                                @DefaultValue("10s") @NotNull Duration sessionTimeout,
                                @DefaultValue("10s") @NotNull Duration transactionTimeout,
                                @DefaultValue("100ms") @NotNull Duration commitInterval,
                                @DefaultValue("100ms") @NotNull Duration verdictInterval,
                                @DefaultValue("1") @Min(1) @Max(64) int streamThreads,
                                Map<String, String> kafka) {

    public ClusterProperties {
        kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
    }

    /** Whether cluster mode is on. */
    public boolean enabled() {
        return bootstrapServers != null && !bootstrapServers.isBlank();
    }

    /** The topic names this cluster uses. */
    public ClusterTopics topics() {
        return new ClusterTopics(topicPrefix);
    }
}
