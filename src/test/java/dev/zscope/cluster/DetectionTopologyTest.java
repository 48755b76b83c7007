package dev.zscope.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.Anomaly;
import dev.zscope.engine.Judged;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The detection topology on Kafka Streams' test driver (no broker): it must find exactly what a single
 * server finds for the same points, apply settings in order with the points, and write each changed
 * stream's state once per commit.
 */
class DetectionTopologyTest {

    private static final ClusterTopics TOPICS = new ClusterTopics("t.");
    private static final Map<String, String> NONE = Map.of();

    @TempDir
    Path state;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> points;
    private TestInputTopic<String, byte[]> settings;
    private TestOutputTopic<String, byte[]> anomalies;
    private TestOutputTopic<String, byte[]> verdicts;
    /** The offset each piped points record got, in order. */
    private long offset;

    private void start(DetectorChoice configuredDefault, Duration verdictInterval) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        driver = new TopologyTestDriver(DetectionTopology.build(TOPICS, configuredDefault, verdictInterval), p);
        Instant t0 = Instant.ofEpochMilli(ClusterStreams.START);
        points = driver.createInputTopic(TOPICS.points(), new StringSerializer(), new ByteArraySerializer(), t0,
                Duration.ofMillis(1));
        settings = driver.createInputTopic(TOPICS.settings(), new StringSerializer(), new ByteArraySerializer(), t0,
                Duration.ofMillis(1));
        anomalies = driver.createOutputTopic(TOPICS.anomalies(), new StringDeserializer(), new ByteArrayDeserializer());
        verdicts = driver.createOutputTopic(TOPICS.verdicts(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    /** Pipes the points in records of 1 to 64 points, streams interleaved; returns each record's [stream, first index]. */
    private List<Object[]> pipeInterleaved(List<ClusterStreams.Points> streams, long seed) {
        Random random = new Random(seed);
        int[] next = new int[streams.size()];
        List<Object[]> records = new ArrayList<>();
        int remaining = streams.stream().mapToInt(ClusterStreams.Points::size).sum();
        while (remaining > 0) {
            int s = random.nextInt(streams.size());
            ClusterStreams.Points p = streams.get(s);
            if (next[s] == p.size()) {
                continue;
            }
            int n = Math.min(p.size() - next[s], 1 + random.nextInt(64));
            points.pipeInput(p.stream(), PointChunk.encode(p.times(), p.values(), null, next[s], next[s] + n, false));
            records.add(new Object[] {p.stream(), next[s]});
            offset++;
            next[s] += n;
            remaining -= n;
        }
        return records;
    }

    private Map<String, List<AnomalyRecord>> found() {
        Map<String, List<AnomalyRecord>> out = new LinkedHashMap<>();
        for (KeyValue<String, byte[]> kv : anomalies.readKeyValuesToList()) {
            out.computeIfAbsent(kv.key, k -> new ArrayList<>()).add(AnomalyRecord.decode(kv.key, kv.value));
        }
        return out;
    }

    private static Map<String, List<Anomaly>> withoutIds(Map<String, List<AnomalyRecord>> found) {
        Map<String, List<Anomaly>> out = new LinkedHashMap<>();
        found.forEach((k, v) -> out.put(k, v.stream().map(AnomalyRecord::anomaly).toList()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"zscore", "default"})
    void findsExactlyWhatASingleServerFinds(String detector) {
        DetectorChoice choice = new DetectorChoice(detector, NONE);
        List<ClusterStreams.Points> streams = ClusterStreams.streams(4, 3000, 7);
        start(choice, Duration.ZERO);
        List<Object[]> records = pipeInterleaved(streams, 11);

        Map<String, List<AnomalyRecord>> found = found();
        Map<String, List<Anomaly>> expected = ClusterStreams.singleServer(streams, choice);
        assertThat(expected.values().stream().mapToInt(List::size).sum()).as("the workload raises anomalies")
                .isGreaterThan(20);
        for (String stream : expected.keySet()) {
            assertThat(withoutIds(found).getOrDefault(stream, List.of())).as(stream).isEqualTo(expected.get(stream));
        }
        assertThat(found.keySet()).isSubsetOf(expected.keySet());
        // each id names the record and index of the point that raised the anomaly
        for (List<AnomalyRecord> list : found.values()) {
            for (AnomalyRecord r : list) {
                Object[] rec = records.get((int) r.id().offset());
                assertThat(rec[0]).isEqualTo(r.anomaly().stream());
                ClusterStreams.Points p = streams.stream().filter(x -> x.stream().equals(rec[0])).findFirst().orElseThrow();
                assertThat(p.times()[(int) rec[1] + r.id().index()]).isEqualTo(r.anomaly().time().toEpochMilli());
            }
        }
        // every point has its verdict when nothing is thinned, with the stream's running count
        List<KeyValue<String, byte[]>> all = verdicts.readKeyValuesToList();
        assertThat(all).hasSize(4 * 3000);
        Judged last = VerdictRecord.decode(all.getLast().value);
        assertThat(last.points()).isEqualTo(3000);
    }

    @Test
    void aSettingsChangeAppliesInOrderWithThePoints() {
        DetectorChoice zscore = new DetectorChoice("zscore", NONE);
        DetectorChoice robust = new DetectorChoice("robust", NONE);
        ClusterStreams.Points p = ClusterStreams.streams(1, 3000, 3).getFirst();
        start(zscore, Duration.ZERO);
        points.pipeInput(p.stream(), PointChunk.encode(p.times(), p.values(), null, 0, 1000, false));
        settings.pipeInput(SettingsRecord.DEFAULTS, settingsOf("robust", 1));
        points.pipeInput(p.stream(), PointChunk.encode(p.times(), p.values(), null, 1000, 2000, false));
        points.pipeInput(p.stream(), PointChunk.encode(p.times(), p.values(), null, 2000, 3000, false));

        // as a single server that switched at point 1000: zscore before, a fresh robust after
        List<Anomaly> expected = new ArrayList<>(ClusterStreams.singleServer(List.of(slice(p, 0, 1000)), zscore)
                .get(p.stream()));
        expected.addAll(ClusterStreams.singleServer(List.of(slice(p, 1000, 3000)), robust).get(p.stream()));
        assertThat(withoutIds(found()).get(p.stream())).isEqualTo(expected);
        assertThat(expected).anyMatch(a -> a.detector().equals("zscore")).anyMatch(a -> a.detector().equals("robust"));
    }

    @Test
    void olderSettingsPublishedLateDoNotWin() {
        start(new DetectorChoice("zscore", NONE), Duration.ZERO);
        settings.pipeInput(SettingsRecord.DEFAULTS, settingsOf("robust", 20));
        settings.pipeInput(SettingsRecord.DEFAULTS, settingsOf("ewma", 10)); // published earlier elsewhere
        ClusterStreams.Points p = ClusterStreams.streams(1, 1000, 5).getFirst();
        points.pipeInput(p.stream(), PointChunk.encode(p.times(), p.values(), null, 0, 1000, false));
        assertThat(found().get(p.stream())).isNotEmpty().allMatch(r -> r.anomaly().detector().equals("robust"));
    }

    @Test
    void aStreamsOwnDetectorAndItsDeletion() {
        ClusterStreams.Points p = ClusterStreams.streams(1, 2000, 9).getFirst();
        start(new DetectorChoice("zscore", NONE), Duration.ZERO);
        DetectorChoice robust = new DetectorChoice("robust", NONE);
        settings.pipeInput(p.stream(), SettingsRecord.encode(robust));
        points.pipeInput(p.stream(), PointChunk.encode(p.times(), p.values(), null, 0, 1000, false));
        settings.pipeInput(p.stream(), null); // deleted: detection forgets it
        points.pipeInput(p.stream(), PointChunk.encode(p.times(), p.values(), null, 1000, 2000, false));

        List<Anomaly> expected = new ArrayList<>(ClusterStreams.singleServer(List.of(slice(p, 0, 1000)), robust)
                .get(p.stream()));
        expected.addAll(ClusterStreams.singleServer(List.of(slice(p, 1000, 2000)),
                new DetectorChoice("zscore", NONE)).get(p.stream()));
        assertThat(withoutIds(found()).get(p.stream())).isEqualTo(expected);
    }

    @Test
    void backfillTrainsButRaisesNothingAndOlderPointsAreDropped() {
        ClusterStreams.Points p = ClusterStreams.streams(1, 2000, 13).getFirst();
        start(new DetectorChoice("zscore", NONE), Duration.ZERO);
        points.pipeInput(p.stream(), PointChunk.encode(p.times(), p.values(), null, 0, 1000, true));
        assertThat(anomalies.isEmpty()).isTrue();
        points.pipeInput(p.stream(), PointChunk.encode(p.times(), p.values(), null, 1000, 2000, false));
        List<Anomaly> live = withoutIds(found()).get(p.stream());
        // the same as one detector over all 2,000 points, keeping only the live half's anomalies
        List<Anomaly> all = ClusterStreams.singleServer(List.of(p), new DetectorChoice("zscore", NONE)).get(p.stream());
        assertThat(live).isEqualTo(all.stream().filter(a -> a.time().toEpochMilli() >= p.times()[1000]).toList());

        verdicts.readKeyValuesToList();
        points.pipeInput(p.stream(), PointChunk.encode(p.times(), p.values(), null, 10, 20, false)); // the past
        assertThat(verdicts.isEmpty()).isTrue();
        assertThat(anomalies.isEmpty()).isTrue();
    }

    @Test
    void verdictsAreThinnedButAnomaliesAlwaysPass() {
        ClusterStreams.Points p = ClusterStreams.streams(1, 3000, 7).getFirst();
        start(new DetectorChoice("zscore", NONE), Duration.ofSeconds(10)); // points are 1 s apart
        for (int from = 0; from < 3000; from += 1000) {
            points.pipeInput(p.stream(), PointChunk.encode(p.times(), p.values(), null, from, from + 1000, false));
        }
        List<Judged> sent = verdicts.readValuesToList().stream().map(VerdictRecord::decode).toList();
        long anomalous = sent.stream().filter(Judged::anomaly).count();
        assertThat(anomalous).isEqualTo(found().get(p.stream()).size()).isPositive();
        assertThat(sent.size()).isBetween(300, 300 + (int) anomalous + 2);
    }

    @Test
    void eachChangedStreamIsWrittenOncePerCommitNotOncePerPoint() {
        start(new DetectorChoice("default", NONE), Duration.ZERO);
        DetectorStore store = (DetectorStore) driver.getStateStore(DetectionTopology.STORE);
        ClusterStreams.Points p = ClusterStreams.streams(1, 2048, 1).getFirst();
        points.pipeInput(p.stream(), PointChunk.encode(p.times(), p.values(), null, 0, 1024, false));
        points.pipeInput(p.stream(), PointChunk.encode(p.times(), p.values(), null, 1024, 2048, false));
        // the test driver commits after each record: two commits, two writes for 2,048 points
        assertThat(store.slotsWritten()).isEqualTo(2);
    }

    private static byte[] settingsOf(String detector, long publishedAt) {
        return SettingsRecord.encode(new dev.zscope.settings.ZscopeSettings(new DetectorChoice(detector, NONE),
                dev.zscope.simulator.SimulatorSettings.defaults(), 200, 250),
                new SettingsRecord.Version(publishedAt, "n"));
    }

    private static ClusterStreams.Points slice(ClusterStreams.Points p, int from, int to) {
        return new ClusterStreams.Points(p.stream(), java.util.Arrays.copyOfRange(p.times(), from, to),
                java.util.Arrays.copyOfRange(p.values(), from, to));
    }
}
