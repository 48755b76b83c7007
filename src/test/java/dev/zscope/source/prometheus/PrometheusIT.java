package dev.zscope.source.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.zscope.anomaly.AnomalyQuery;
import dev.zscope.anomaly.AnomalyService;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.StreamPoint;
import dev.zscope.source.Daemon;
import dev.zscope.source.SourceHealth;
import dev.zscope.source.SourceService;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Prometheus both ways, against Debian's {@code prometheus} (2.42) started by the test on a free port:
 * <ol>
 *   <li>it scrapes Zscope's {@code /actuator/prometheus} with an API token (target {@code up}, a
 *       per-stream counter read back through its query API);</li>
 *   <li>as a source, a series with a known spike (written into Prometheus's storage beforehand with
 *       {@code promtool tsdb create-blocks-from openmetrics}) becomes a stream whose anomaly is
 *       found, with every step of the series once;</li>
 *   <li>a live query polled while Prometheus is stopped and started again: afterwards the stream
 *       holds exactly the steps Prometheus answers for its range, none missing, none twice.</li>
 * </ol>
 * Zscope starts before Prometheus, so the sources first fail and show it. Skipped without
 * prometheus, except in CI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vaadin.productionMode=true",
        "zscope.engine.simulator-enabled=false",
        "zscope.engine.history-capacity=4000",
        "ZSCOPE_ADMIN_PASSWORD=prometheus-it-admin",
        "ZSCOPE_BOOTSTRAP_TOKEN=" + PrometheusIT.TOKEN,
        "zscope.sources.it.type=prometheus",
        "zscope.sources.it.query=zscope_it_spike",
        "zscope.sources.it.step=15s",
        "zscope.sources.it.lookback=8h",
        "zscope.sources.it.delay=0s",
        "zscope.sources.live.type=prometheus",
        "zscope.sources.live.query=up{job=\"zscope\"}",
        "zscope.sources.live.step=1s",
        "zscope.sources.live.lookback=0s",
        "zscope.sources.live.delay=3s"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusIT {

    static final String TOKEN = "zs_prometheus-it-token-0123456789";
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final long STEP = 15_000;
    private static final int SAMPLES = 1440; // six hours
    private static final int SPIKE = 1100;
    private static final String SPIKE_STREAM = "it.zscope_it_spike.hall";

    private static Path dir;
    private static int prometheusPort;
    private static long firstSample;
    private static Daemon prometheus;

    @BeforeAll
    static void storage() throws Exception {
        Daemon.require(PROMETHEUS, "prometheus");
        dir = Files.createDirectories(Path.of("target", "prometheus-it", UUID.randomUUID().toString()).toAbsolutePath());
        prometheusPort = Daemon.freePort();
        long end = Math.floorDiv(System.currentTimeMillis() - 3_600_000L, STEP) * STEP;
        firstSample = end - (SAMPLES - 1) * STEP;
        StringBuilder om = new StringBuilder("# TYPE zscope_it_spike gauge\n");
        Random random = new Random(1);
        for (int i = 0; i < SAMPLES; i++) {
            double v = i == SPIKE ? 100 : 10 + random.nextGaussian() * 0.5;
            om.append(String.format(Locale.ROOT, "zscope_it_spike{room=\"hall\"} %.4f %d%n", v, (firstSample + i * STEP) / 1000));
        }
        om.append("# EOF\n");
        Path file = dir.resolve("spike.om");
        Files.writeString(file, om);
        Process backfill = new ProcessBuilder(PROMTOOL.toString(), "tsdb", "create-blocks-from", "openmetrics",
                file.toString(), dir.resolve("tsdb").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("promtool.log").toFile()).start();
        assertThat(backfill.waitFor()).as("promtool, see " + dir.resolve("promtool.log")).isZero();
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("zscope.data-dir", () -> dir.resolve("data").toString());
        registry.add("zscope.sources.it.url", () -> "http://127.0.0.1:" + prometheusPort);
        registry.add("zscope.sources.live.url", () -> "http://127.0.0.1:" + prometheusPort);
    }

    @LocalServerPort
    int port;
    @Autowired
    DetectionEngine engine;
    @Autowired
    SourceService sources;
    @Autowired
    AnomalyService anomalies;

    /** Starts Prometheus once Zscope's port is known; it scrapes Zscope every second. */
    private void prometheus() throws Exception {
        if (prometheus != null) {
            return;
        }
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: zscope
                    metrics_path: /actuator/prometheus
                    authorization:
                      type: Bearer
                      credentials: %s
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(TOKEN, port));
        prometheus = Daemon.start(List.of(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort,
                "--storage.tsdb.retention.time=30d"), dir.resolve("prometheus.log"), prometheusPort);
    }

    private String api(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + prometheusPort + path)).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The times of the steps Prometheus answers for {@code query} from {@code start} to {@code end} (ms). */
    private List<Long> rangeTimes(String query, long start, long end, int stepSeconds) throws Exception {
        String answer = api("/api/v1/query_range?query=" + q(query) + "&start=" + start / 1000.0 + "&end="
                + end / 1000.0 + "&step=" + stepSeconds);
        List<Number> seconds = JsonPath.read(answer, "$.data.result[0].values[*][0]");
        List<Long> millis = new ArrayList<>();
        seconds.forEach(t -> millis.add(Math.round(t.doubleValue() * 1000)));
        return millis;
    }

    private List<Long> times(String stream) {
        return engine.recent(stream, 10_000).stream().map(StreamPoint::epochMillis).toList();
    }

    @Test
    @Order(1)
    void aSeriesWithASpikeBecomesAStreamWhoseAnomalyIsFound() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> sources.health("it").orElseThrow().lastError() != null);
        assertThat(sources.health("it").orElseThrow().lastError()).contains("cannot reach Prometheus");
        prometheus();
        // Prometheus answers a step for up to five minutes after the last sample (its look-back):
        // Zscope must hold exactly the steps Prometheus answers for the whole range
        List<Long> expected = rangeTimes("zscope_it_spike", firstSample, System.currentTimeMillis(), 15);
        assertThat(expected).hasSizeGreaterThan(SAMPLES);
        await().atMost(Duration.ofSeconds(90)).until(() -> engine.exists(SPIKE_STREAM)
                && engine.status(SPIKE_STREAM).lastPointMillis() == expected.getLast());
        assertThat(times(SPIKE_STREAM)).containsExactlyElementsOf(expected);
        for (int i = 0; i < SAMPLES; i++) {
            assertThat(expected.get(i)).isEqualTo(firstSample + i * STEP);
        }
        assertThat(engine.recent(SPIKE_STREAM, 10_000).get(SPIKE).value()).isEqualTo(100.0);
        Instant spikeAt = Instant.ofEpochMilli(firstSample + SPIKE * STEP);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(anomalies.find(
                AnomalyQuery.all().withStream(SPIKE_STREAM), 0, 100)).extracting(a -> a.time()).contains(spikeAt));
        SourceHealth health = sources.health("it").orElseThrow();
        assertThat(health.state()).isEqualTo(SourceHealth.State.OK);
        assertThat(health.streams()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void prometheusScrapesZscopeWithItsToken() throws Exception {
        prometheus();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(JsonPath.<List<String>>read(
                api("/api/v1/query?query=" + q("up{job=\"zscope\"}")), "$.data.result[*].value[1]")).containsExactly("1"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> counted = JsonPath.read(api("/api/v1/query?query="
                    + q("zscope_points_total{stream=\"" + SPIKE_STREAM + "\"}")), "$.data.result[*].value[1]");
            assertThat(counted).containsExactly(Long.toString(engine.status(SPIKE_STREAM).points()));
        });
    }

    @Test
    @Order(3)
    void aPrometheusRestartLosesAndRepeatsNoPoint() throws Exception {
        prometheus();
        String stream = "live.up.127.0.0.1:" + port + ".zscope";
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.exists(stream) && engine.status(stream).points() >= 5);
        prometheus.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> sources.health("live").orElseThrow().state()
                == SourceHealth.State.FAILING);
        long stoppedAt = System.currentTimeMillis();
        prometheus.start();
        await().atMost(Duration.ofSeconds(90)).until(() -> sources.health("live").orElseThrow().state()
                == SourceHealth.State.OK && engine.status(stream).lastPointMillis() > stoppedAt + 5_000);
        List<Long> zscope = times(stream);
        assertThat(zscope).doesNotHaveDuplicates().isSorted();
        assertThat(zscope).containsExactlyElementsOf(rangeTimes("up{job=\"zscope\"}", zscope.getFirst(),
                zscope.getLast(), 1));
        assertThat(zscope.size()).isGreaterThan(10);
    }
}
