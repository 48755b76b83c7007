package dev.zscope.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the cluster's topics that are missing, at every node's start. Two nodes starting at the
 * same moment both succeed: a topic another node created first counts as created. Then checks that
 * the topics that share keys have the same number of partitions, since detection relies on a
 * stream's points, settings and results sitting in partitions of the same number.
 */
final class TopicSetup {

    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
    private static final long TIMEOUT_SECONDS = 60;

    private TopicSetup() {
    }

    static void ensure(ClusterProperties properties) {
        try (Admin admin = Admin.create(ClientConfigs.admin(properties))) {
            ensure(admin, properties);
        }
    }

    static void ensure(Admin admin, ClusterProperties properties) {
        ClusterTopics t = properties.topics();
        Optional<Short> replicas = properties.replicationFactor() < 0 ? Optional.empty()
                : Optional.of(properties.replicationFactor());
        Optional<Integer> partitions = Optional.of(properties.partitions());
        Map<String, String> compact = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        List<NewTopic> wanted = List.of(
                new NewTopic(t.points(), partitions, replicas),
                // every web node reads anomalies from the start when it first joins: keep them
                new NewTopic(t.anomalies(), partitions, replicas).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")),
                new NewTopic(t.verdicts(), partitions, replicas),
                new NewTopic(t.settings(), partitions, replicas).configs(compact),
                new NewTopic(t.streams(), Optional.of(1), replicas).configs(compact),
                new NewTopic(t.tokens(), Optional.of(1), replicas).configs(compact));
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(n -> !existing.contains(n.name())).toList();
            if (!missing.isEmpty()) {
                Map<String, Throwable> failures = new HashMap<>();
                admin.createTopics(missing).values().forEach((name, future) -> {
                    try {
                        future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                        log.info("Created topic {}", name);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            failures.put(name, e.getCause());
                        }
                    } catch (InterruptedException | TimeoutException e) {
                        failures.put(name, e);
                    }
                });
                if (!failures.isEmpty()) {
                    throw new IllegalStateException("Cannot create the topics " + failures.keySet() + ": "
                            + failures.values().iterator().next().getMessage());
                }
            }
            checkPartitions(admin, t);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot reach the Kafka cluster at " + properties.bootstrapServers()
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The Kafka cluster at " + properties.bootstrapServers()
                    + " did not answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while setting up the topics", e);
        }
    }

    private static void checkPartitions(Admin admin, ClusterTopics t)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> described = admin.describeTopics(t.partitioned()).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<String> counts = new ArrayList<>();
        described.forEach((name, d) -> counts.add(name + "=" + d.partitions().size()));
        if (described.values().stream().map(d -> d.partitions().size()).distinct().count() > 1) {
            throw new IllegalStateException("The topics " + t.partitioned() + " must have the same number of"
                    + " partitions, but have " + counts + "; recreate them (see src/docs/cluster.md)");
        }
    }
}
