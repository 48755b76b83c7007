package dev.zscope.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.Anomaly;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.ingest.NewToken;
import dev.zscope.ingest.Scope;
import dev.zscope.ingest.TokenService;
import dev.zscope.settings.SettingsService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import dev.zscope.Application;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A cluster on a real broker (KRaft, in this JVM): web node A is the application started in this
 * JVM, web node B a child process of the packaged jar, and a detector runs beside them. Points posted to A show up in
 * B's store and CSV log exactly once, also across a {@code kill -9} of B; a settings change on A
 * applies on the detector and shows on B; a token created on A works on B.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static final int PARTITIONS = 4;
    private static final Path ROOT = Path.of("target", "cluster-it", UUID.randomUUID().toString()).toAbsolutePath();
    private static final DetectorChoice ZSCORE = new DetectorChoice("zscore", Map.of());
    private static final EmbeddedKafkaKraftBroker BROKER = TestBroker.start();
    private static final DetectorRunner DETECTOR = detector();
    private static NodeProcess b = launchB();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Everything posted so far, by stream, and what a single server finds in it. */
    private static final Map<String, List<Anomaly>> expected = new HashMap<>();

    private static ConfigurableApplicationContext nodeA;
    private static int port;
    private SettingsService settings;
    private TokenService tokens;
    private DetectionEngine engine;

    @BeforeAll
    static void startNodeA() {
        nodeA = new SpringApplicationBuilder(Application.class).run(
                "--server.port=0",
                "--vaadin.productionMode=true",
                "--zscope.engine.simulator-enabled=false",
                "--ZSCOPE_ADMIN_PASSWORD=cluster-it-admin",
                "--ZSCOPE_BOOTSTRAP_TOKEN=" + NodeProcess.TOKEN,
                "--zscope.cluster.role=web",
                "--zscope.cluster.partitions=" + PARTITIONS,
                "--zscope.settings.detector=zscore",
                "--zscope.cluster.bootstrap-servers=" + BROKER.getBrokersAsString(),
                "--zscope.data-dir=" + ROOT.resolve("a"),
                "--logging.level.org.apache.kafka.streams=info");
        port = ((WebServerApplicationContext) nodeA).getWebServer().getPort();
    }

    @BeforeEach
    void beans() {
        settings = nodeA.getBean(SettingsService.class);
        tokens = nodeA.getBean(TokenService.class);
        engine = nodeA.getBean(DetectionEngine.class);
    }

    private static DetectorRunner detector() {
        ClusterProperties p = new ClusterProperties(BROKER.getBrokersAsString(), ClusterRole.DETECTOR, "zscope.",
                PARTITIONS, (short) -1, false, ROOT.resolve("detector"), Duration.ofSeconds(6), Duration.ofSeconds(6),
                Duration.ofMillis(100), Duration.ofMillis(100), 1, Map.of());
        DetectorRunner runner = new DetectorRunner(p, ZSCORE);
        runner.start();
        return runner;
    }

    private static NodeProcess launchB() {
        try {
            return NodeProcess.launchWeb(ROOT.resolve("b"), BROKER.getBrokersAsString(),
                    "--zscope.cluster.partitions=" + PARTITIONS, "--zscope.settings.detector=zscore");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** Node A closes before the broker goes, so that its clients leave cleanly. */
    @AfterAll
    static void stopAll() throws InterruptedException {
        b.close();
        if (nodeA != null) {
            nodeA.close();
        }
        DETECTOR.stop();
        BROKER.destroy();
    }

    private void post(ClusterStreams.Points p, int from, int to) throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = from; i < to; i++) {
            csv.append(p.times()[i]).append(',').append(p.values()[i]).append('\n');
        }
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/streams/" + p.stream() + "/points"))
                .header("Authorization", "Bearer " + NodeProcess.TOKEN).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(answer.body()).isEqualTo("{\"stream\":\"" + p.stream() + "\",\"accepted\":" + (to - from) + "}");
    }

    private void postAll(List<ClusterStreams.Points> streams, DetectorChoice choice) throws Exception {
        for (ClusterStreams.Points p : streams) {
            for (int from = 0; from < p.size(); from += 500) {
                post(p, from, Math.min(p.size(), from + 500));
            }
        }
        expected.putAll(ClusterStreams.singleServer(streams, choice));
    }

    private static List<String> expectedKeys() {
        return expected.values().stream().flatMap(List::stream).map(ClusterFiles::key).sorted().toList();
    }

    private static List<String> keysIn(Path data) throws IOException {
        return ClusterFiles.log(data).stream().map(ClusterFiles::key).sorted().toList();
    }

    private static void awaitExactly(Path data) {
        List<String> want = expectedKeys();
        await().atMost(Duration.ofSeconds(90)).pollInterval(200, TimeUnit.MILLISECONDS)
                .untilAsserted(() -> assertThat(keysIn(data)).hasSameSizeAs(want));
        try {
            assertThat(keysIn(data)).isEqualTo(want);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(1)
    void pointsPostedToAShowUpInBsStoreAndLogExactlyOnce() throws Exception {
        b.awaitWeb(Duration.ofMinutes(3));
        List<ClusterStreams.Points> streams = ClusterStreams.streams(3, 1500, 21);
        postAll(streams, ZSCORE);
        assertThat(expectedKeys()).hasSizeGreaterThan(10);

        awaitExactly(b.data());
        awaitExactly(ROOT.resolve("a"));
        // every anomaly as a single server finds it, field for field
        List<Anomaly> logged = ClusterFiles.log(b.data());
        for (ClusterStreams.Points p : streams) {
            assertThat(logged.stream().filter(a -> a.stream().equals(p.stream())).toList()).as(p.stream())
                    .isEqualTo(expected.get(p.stream()));
        }
        // B's engine counted them and charts its verdicts
        String listing = HTTP.send(HttpRequest.newBuilder(URI.create(b.base() + "/api/v1/streams"))
                .header("Authorization", "Bearer " + NodeProcess.TOKEN).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(listing).contains("\"stream\":\"" + streams.getFirst().stream() + "\",\"points\":1500");
    }

    @Test
    @Order(2)
    void aSettingsChangeOnAAppliesOnTheDetectorAndShowsOnEveryNode() throws Exception {
        signInAsAdmin();
        DetectorChoice robust = new DetectorChoice("robust", Map.of());
        settings.update(settings.current().withDetection(robust));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                Files.readString(b.data().resolve("settings.properties"))).contains("detection.detector=robust"));
        assertThat(engine.detectorChoice()).isEqualTo(robust);
        // the detector runs it from the next point on
        List<ClusterStreams.Points> streams = List.of(rename(ClusterStreams.streams(1, 2000, 22).getFirst(), "after.robust"));
        postAll(streams, robust);
        assertThat(expected.get("after.robust")).isNotEmpty().allMatch(a -> a.detector().equals("robust"));
        awaitExactly(b.data());
    }

    @Test
    @Order(3)
    void aTokenCreatedOnAWorksOnB() {
        signInAsAdmin();
        NewToken token = tokens.create("shared", Set.of(Scope.READ));
        await().atMost(Duration.ofSeconds(30)).until(() -> HTTP.send(HttpRequest.newBuilder(
                        URI.create(b.base() + "/api/v1/streams")).header("Authorization", "Bearer " + token.secret())
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    @Test
    @Order(4)
    void bKilledWhileAnomaliesArriveKeepsEachOnceAfterItsRestart() throws Exception {
        List<ClusterStreams.Points> streams = new ArrayList<>();
        for (ClusterStreams.Points p : ClusterStreams.streams(4, 1500, 23)) {
            streams.add(rename(p, "late." + p.stream()));
        }
        DetectorChoice robust = settings.current().detection();
        Thread poster = Thread.ofVirtual().start(() -> {
            try {
                postAll(streams, robust);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int before = ClusterFiles.log(b.data()).size();
        await().atMost(Duration.ofSeconds(60)).until(() -> ClusterFiles.log(b.data()).size() > before);
        b.kill();
        poster.join();
        b = NodeProcess.launchWeb(b.data(), BROKER.getBrokersAsString(), "--zscope.cluster.partitions=" + PARTITIONS,
                "--zscope.settings.detector=zscore").awaitWeb(Duration.ofMinutes(3));
        awaitExactly(b.data());

        b.stop(); // its database must hold what its log holds, once each
        assertThat(ClusterFiles.database(b.data()).stream().sorted().toList()).isEqualTo(expectedKeys());
    }

    private static ClusterStreams.Points rename(ClusterStreams.Points p, String name) {
        return new ClusterStreams.Points(name, p.times(), p.values());
    }

    private static void signInAsAdmin() {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", null,
                List.of(new SimpleGrantedAuthority("ROLE_ADMIN"), new SimpleGrantedAuthority("ROLE_VIEWER"))));
    }
}
