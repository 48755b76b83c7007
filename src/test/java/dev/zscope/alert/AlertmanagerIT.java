package dev.zscope.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Against a real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}, 0.25), started
 * here on loopback without clustering: Zscope's alertmanager channel posts a firing alert, which
 * Alertmanager routes on to its own webhook receiver; a silence made in Alertmanager mutes another;
 * the resolution reaches Alertmanager and its receiver. Skipped without the binary, except in CI.
 * Runs on the real clock, since Alertmanager judges {@code startsAt}/{@code endsAt} by its own.
 */
class AlertmanagerIT {

    private static final List<Path> BINARIES = List.of(Path.of("/usr/bin/prometheus-alertmanager"),
            Path.of("/usr/bin/alertmanager"), Path.of("/usr/local/bin/alertmanager"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private Process alertmanager;
    private String amUrl;
    private Receiver receiver;
    private AlertRig rig;

    @BeforeEach
    void start() throws Exception {
        Path binary = BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (System.getenv("CI") != null) {
            assertThat(binary).as("CI must install prometheus-alertmanager (.ci/run does)").isNotNull();
        }
        assumeTrue(binary != null, "Debian's prometheus-alertmanager is not installed");
        receiver = new Receiver();
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: hook
                  group_by: [stream]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: %s/am
                        send_resolved: true
                """.formatted(receiver.url()));
        int port = freePort();
        amUrl = "http://127.0.0.1:" + port;
        Files.createDirectories(dir.resolve("am-data"));
        alertmanager = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--web.listen-address=127.0.0.1:" + port, "--storage.path=" + dir.resolve("am-data"),
                "--cluster.listen-address=").redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> get("/-/ready").statusCode() == 200);

        AlertProperties d = AlertProperties.defaults(dir);
        AlertProperties p = new AlertProperties(dir, d.groupWait(), d.groupInterval(), d.repeatInterval(),
                Duration.ofSeconds(2), 1, d.pendingWindow(), 0, false, d.nodataAfter(), null, d.retention(),
                d.queueCapacity(), Map.of("am", new AlertProperties.ChannelConfig(ChannelType.ALERTMANAGER, amUrl,
                null, null, null, null, null, null)), Map.of());
        // The simulated clock starts a minute behind the real one: Alertmanager takes an alert as resolved
        // only when its endsAt is already past on Alertmanager's own clock, and the test advances the
        // simulated clock by keep-firing-for (2 s) faster than real time passes.
        rig = new AlertRig(dir, p, null, Instant.now().minusSeconds(60));
    }

    @AfterEach
    void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
    }

    @Test
    void firingSilencedUpstreamAndResolved() throws Exception {
        Instant now = Instant.now();
        silenceInAlertmanager("am-muted", now);

        rig.anomaly("am-cpu", 97);
        rig.anomaly("am-muted", 5);
        rig.settle();
        assertThat(rig.channels.health("am").delivered()).isEqualTo(2);

        await().atMost(Duration.ofSeconds(60)).until(() -> alert("am-cpu") != null && alert("am-muted") != null);
        JsonNode cpu = alert("am-cpu");
        assertThat(cpu.get("status").get("state").asString()).isEqualTo("active");
        assertThat(cpu.get("labels").get("alertname").asString()).isEqualTo("ZscopeAnomaly");
        assertThat(cpu.get("annotations").get("value").asString()).isEqualTo("97");
        JsonNode muted = alert("am-muted");
        assertThat(muted.get("status").get("state").asString()).isEqualTo("suppressed");
        assertThat(muted.get("status").get("silencedBy").size()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> amNotifications("firing").contains("am-cpu"));
        assertThat(amNotifications("firing")).doesNotContain("am-muted");

        // quiet for keep-firing-for (2 s here): the alerts resolve in Zscope, and so in Alertmanager
        rig.clock.advance(Duration.ofSeconds(2));
        rig.settle();
        await().atMost(Duration.ofSeconds(60)).until(() -> amNotifications("resolved").contains("am-cpu"));
        await().atMost(Duration.ofSeconds(60)).until(() -> alert("am-cpu") == null);
        assertThat(rig.alerts()).allMatch(a -> a.state() == AlertState.RESOLVED);
        assertThat(amNotifications("resolved")).doesNotContain("am-muted");
    }

    /** The alert Alertmanager holds for {@code stream} (active or suppressed), or null. */
    private JsonNode alert(String stream) throws Exception {
        JsonNode all = Receiver.JSON.readTree(get("/api/v2/alerts").body());
        for (JsonNode a : all) {
            if (stream.equals(a.get("labels").get("stream").asString())) {
                return a;
            }
        }
        return null;
    }

    /** Streams Alertmanager's own webhook notifications reported with {@code status}. */
    private List<String> amNotifications(String status) {
        return receiver.to("/am").stream().map(Receiver.Request::json)
                .flatMap(body -> Stream.of(body.get("alerts")).flatMap(alerts -> {
                    List<String> out = new java.util.ArrayList<>();
                    alerts.forEach(a -> {
                        if (status.equals(a.get("status").asString())) {
                            out.add(a.get("labels").get("stream").asString());
                        }
                    });
                    return out.stream();
                })).toList();
    }

    private void silenceInAlertmanager(String stream, Instant now) throws Exception {
        String body = """
                {"matchers": [{"name": "stream", "value": "%s", "isRegex": false, "isEqual": true}],
                 "startsAt": "%s", "endsAt": "%s", "createdBy": "it", "comment": "upstream"}"""
                .formatted(stream, now.minusSeconds(5), now.plus(Duration.ofHours(1)));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(amUrl + "/api/v2/silences"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(amUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
