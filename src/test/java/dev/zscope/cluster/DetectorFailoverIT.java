package dev.zscope.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.Anomaly;
import dev.zscope.engine.Judged;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Two detector instances share the partitions; one is killed with {@code kill -9} while points keep
 * arriving. The anomalies read back (committed only) must equal the uninterrupted run's, which is what
 * a single server finds: none lost, none twice, the same ids. Prints how long the survivor took to
 * commit on the dead instance's partitions.
 */
class DetectorFailoverIT {

    private static final int PARTITIONS = 4;
    private static final int STREAMS = 12;
    private static final int POINTS = 2500;
    private static final int CHUNK = 25;
    private static final Duration TIMEOUTS = Duration.ofSeconds(6);
    private static final Path ROOT = Path.of("target", "failover-it", UUID.randomUUID().toString()).toAbsolutePath();
    private static final ClusterTopics TOPICS = new ClusterTopics("zscope.");
    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void broker() {
        broker = TestBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    private ClusterProperties properties(Path data) {
        return new ClusterProperties(broker.getBrokersAsString(), ClusterRole.DETECTOR, "zscope.", PARTITIONS,
                (short) -1, false, data, TIMEOUTS, TIMEOUTS, Duration.ofMillis(100), Duration.ZERO, 1, Map.of());
    }

    @Test
    void anomaliesAfterAKilledInstanceEqualTheUninterruptedRun() throws Exception {
        DetectorChoice choice = new DetectorChoice("default", Map.of());
        DetectorRunner survivor = new DetectorRunner(properties(ROOT.resolve("survivor")), choice);
        survivor.start();
        String[] settings = {"--zscope.cluster.partitions=" + PARTITIONS,
                "--zscope.cluster.session-timeout=" + TIMEOUTS.toSeconds() + "s",
                "--zscope.cluster.transaction-timeout=" + TIMEOUTS.toSeconds() + "s",
                "--zscope.cluster.verdict-interval=0s"};
        List<ClusterStreams.Points> streams = ClusterStreams.streams(STREAMS, POINTS, 31);
        Map<String, Map<Long, Long>> offsets = new ConcurrentHashMap<>(); // stream -> first point index -> offset
        Map<Integer, Long> gapAfterKill = new ConcurrentHashMap<>();
        Map<String, Long> judged = new ConcurrentHashMap<>();
        long[] killedAt = {Long.MAX_VALUE};
        try (NodeProcess victim = NodeProcess.launchDetector(ROOT.resolve("victim"), broker.getBrokersAsString(),
                settings).awaitDetecting(Duration.ofMinutes(2));
             KafkaConsumer<String, byte[]> verdicts = consumer();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ClientConfigs.producer(properties(ROOT),
                     "failover-test"))) {
            Thread reader = Thread.ofPlatform().daemon().start(() -> follow(verdicts, judged, gapAfterKill, killedAt));
            // a round of chunks, one per stream, every 100 ms: about 10 s of points
            ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger round = new AtomicInteger();
            pace.scheduleAtFixedRate(() -> {
                int r = round.getAndIncrement();
                if (r * CHUNK >= POINTS) {
                    return;
                }
                for (ClusterStreams.Points p : streams) {
                    int from = r * CHUNK;
                    RecordMetadata meta = send(producer, p, from);
                    offsets.computeIfAbsent(p.stream(), k -> new ConcurrentHashMap<>())
                            .put((long) from, meta.partition() * 1_000_000_000L + meta.offset());
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> round.get() >= 30
                    && judged.values().stream().mapToLong(Long::longValue).sum() > STREAMS * 30L * CHUNK / 2);
            assertThat(ownedBy(victim)).as("the victim judges some partitions").isNotEmpty();
            killedAt[0] = System.nanoTime();
            victim.kill();
            await().atMost(Duration.ofMinutes(2)).pollInterval(100, TimeUnit.MILLISECONDS).until(() ->
                    streams.stream().allMatch(p -> judged.getOrDefault(p.stream(), 0L) == POINTS));
            pace.shutdownNow();
            verdicts.wakeup();
            reader.join();
            long takeover = gapAfterKill.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            System.out.printf("Failover: the survivor committed on the killed instance's partitions %s %.1f s"
                    + " after the kill -9 (session and transaction timeouts %d s)%n", ownedBy(victim),
                    takeover / 1e9, TIMEOUTS.toSeconds());
        } finally {
            survivor.stop();
        }

        Map<String, List<AnomalyRecord>> found = readAnomalies();
        Map<String, List<Anomaly>> expected = ClusterStreams.singleServer(streams, choice);
        assertThat(expected.values().stream().mapToInt(List::size).sum()).isGreaterThan(20);
        Set<AnomalyId> ids = new HashSet<>();
        for (ClusterStreams.Points p : streams) {
            List<AnomalyRecord> mine = found.getOrDefault(p.stream(), List.of());
            assertThat(mine.stream().map(AnomalyRecord::anomaly).toList()).as(p.stream())
                    .isEqualTo(expected.get(p.stream()));
            for (AnomalyRecord r : mine) {
                assertThat(ids.add(r.id())).as("id %s once", r.id()).isTrue();
                int index = (int) ((r.anomaly().time().toEpochMilli() - ClusterStreams.START) / 1000);
                long at = offsets.get(p.stream()).get((long) (index / CHUNK * CHUNK));
                assertThat(new AnomalyId((int) (at / 1_000_000_000L), at % 1_000_000_000L, index % CHUNK))
                        .isEqualTo(r.id());
            }
        }
    }

    private static RecordMetadata send(KafkaProducer<String, byte[]> producer, ClusterStreams.Points p, int from) {
        try {
            return producer.send(new ProducerRecord<>(TOPICS.points(), p.stream(), PointChunk.encode(p.times(),
                    p.values(), null, from, from + CHUNK, false))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(ClientConfigs.consumer(properties(ROOT), "failover-reader",
                null));
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            all.add(new TopicPartition(TOPICS.verdicts(), p));
        }
        c.assign(all);
        c.seekToBeginning(all);
        return c;
    }

    /**
     * Counts each stream's judged points, and per partition the longest time without a committed
     * verdict since the kill: points keep arriving every 100 ms, so on the killed instance's partitions
     * that is the time until the survivor committed there.
     */
    private static void follow(KafkaConsumer<String, byte[]> consumer, Map<String, Long> judged,
                               Map<Integer, Long> gapAfterKill, long[] killedAt) {
        Map<Integer, Long> last = new HashMap<>();
        try {
            while (true) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    Judged j = VerdictRecord.decode(r.value());
                    judged.merge(r.key(), j.points(), Math::max);
                    long now = System.nanoTime();
                    if (now > killedAt[0]) {
                        long since = Math.max(killedAt[0], last.getOrDefault(r.partition(), killedAt[0]));
                        gapAfterKill.merge(r.partition(), now - since, Math::max);
                    }
                    last.put(r.partition(), now);
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // the test has what it waited for
        }
    }

    /** The partitions the node said it judges when it last started running. */
    private static List<Integer> ownedBy(NodeProcess node) throws java.io.IOException {
        String log = java.nio.file.Files.readString(node.log());
        int at = log.lastIndexOf("judging partitions [");
        String list = log.substring(at + "judging partitions [".length(), log.indexOf(']', at));
        return list.isBlank() ? List.of() : java.util.Arrays.stream(list.split(",\\s*")).map(Integer::valueOf).toList();
    }

    private Map<String, List<AnomalyRecord>> readAnomalies() {
        Map<String, List<AnomalyRecord>> out = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(ClientConfigs.consumer(properties(ROOT),
                "failover-anomalies", null))) {
            List<TopicPartition> all = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                all.add(new TopicPartition(TOPICS.anomalies(), p));
            }
            c.assign(all);
            c.seekToBeginning(all);
            Map<TopicPartition, Long> ends = new HashMap<>(c.endOffsets(all));
            while (ends.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(AnomalyRecord.decode(r.key(), r.value()));
                }
            }
        }
        return out;
    }
}
