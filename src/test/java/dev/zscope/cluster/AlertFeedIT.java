package dev.zscope.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zscope.engine.Anomaly;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * On a real broker: nodes that start at the same moment both create the topics; and the alert
 * hook sees each anomaly on exactly one of two web nodes, each stream on one node only.
 */
class AlertFeedIT {

    private static final Path ROOT = Path.of("target", "alert-feed-it", UUID.randomUUID().toString()).toAbsolutePath();
    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void broker() {
        broker = TestBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    private static ClusterProperties properties(String prefix) {
        return new ClusterProperties(broker.getBrokersAsString(), ClusterRole.WEB, prefix, 4, (short) -1, false,
                ROOT, Duration.ofSeconds(6), Duration.ofSeconds(6), Duration.ofMillis(100), Duration.ofMillis(100), 1,
                Map.of());
    }

    @Test
    void twoNodesStartingAtOnceBothCreateTheTopics() throws Exception {
        ClusterProperties p = properties("race.");
        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> TopicSetup.ensure(p));
        CompletableFuture<Void> two = CompletableFuture.runAsync(() -> TopicSetup.ensure(p));
        CompletableFuture.allOf(one, two).get();
        try (Admin admin = Admin.create(ClientConfigs.admin(p))) {
            ClusterTopics t = p.topics();
            assertThat(admin.listTopics().names().get()).contains(t.points(), t.anomalies(), t.verdicts(),
                    t.settings(), t.streams(), t.tokens());
            assertThat(admin.describeTopics(List.of(t.points())).allTopicNames().get().get(t.points()).partitions())
                    .hasSize(4);
        }
    }

    @Test
    void eachAnomalyIsObservedOnExactlyOneWebNode() throws Exception {
        ClusterProperties p = properties("alerts.");
        TopicSetup.ensure(p);
        List<Anomaly> onA = new CopyOnWriteArrayList<>();
        List<Anomaly> onB = new CopyOnWriteArrayList<>();
        AlertFeed a = new AlertFeed(p, "node-a", List.of(onA::addAll));
        AlertFeed b = new AlertFeed(p, "node-b", List.of(onB::addAll));
        a.start();
        b.start();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ClientConfigs.producer(p, "alerts-test"))) {
            // both members in the group before the anomalies arrive, so both own partitions
            await().atMost(Duration.ofSeconds(60)).until(() -> groupMembers(p) == 2);
            List<Anomaly> sent = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Anomaly x = new Anomaly(Instant.ofEpochSecond(1_800_000_000L + i), "stream-" + (i % 16), i, 5, 0.99,
                        0, -1, 1, 0.3, 5, 3, 100, "zscore");
                sent.add(x);
                producer.send(new ProducerRecord<>(p.topics().anomalies(), x.stream(),
                        new AnomalyRecord(new AnomalyId(0, i, 0), x).encode()));
            }
            producer.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> onA.size() + onB.size() >= sent.size());

            List<Anomaly> all = new ArrayList<>(onA);
            all.addAll(onB);
            assertThat(all).containsExactlyInAnyOrderElementsOf(sent);
            Set<String> streamsOnA = new HashSet<>(onA.stream().map(Anomaly::stream).toList());
            assertThat(onB).noneMatch(x -> streamsOnA.contains(x.stream()));
            assertThat(onA).isNotEmpty();
            assertThat(onB).isNotEmpty();
            for (List<Anomaly> node : List.of(onA, onB)) { // each stream's anomalies in the order found
                for (String s : new HashSet<>(node.stream().map(Anomaly::stream).toList())) {
                    assertThat(node.stream().filter(x -> x.stream().equals(s)).map(Anomaly::time).toList())
                            .isSorted();
                }
            }
        } finally {
            a.stop();
            b.stop();
        }
    }

    private static int groupMembers(ClusterProperties p) throws Exception {
        try (Admin admin = Admin.create(ClientConfigs.admin(p))) {
            String group = p.topics().alertsGroup();
            var d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            return d.members().stream().mapToInt(m -> m.assignment().topicPartitions().isEmpty() ? 0 : 1).sum();
        }
    }
}
