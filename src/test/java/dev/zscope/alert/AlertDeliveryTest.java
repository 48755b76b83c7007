package dev.zscope.alert;

import static dev.zscope.alert.AlertRig.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Deliveries: retries with backoff, secrets kept out, a full queue, unavailable e-mail, Alertmanager resends. */
@ExtendWith(OutputCaptureExtension.class)
class AlertDeliveryTest {

    private static final String SECRET = "T0SECRET/B0SECRET/xoxSECRETxox";

    @TempDir
    Path dir;

    private final Receiver receiver = AlertRulesTestSupport.receiver();
    private AlertRig rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
        receiver.close();
    }

    private AlertRig rig(AlertProperties p, Map<String, AlertProperties.ChannelConfig> channels) {
        rig = new AlertRig(dir, p.withChannels(channels), null);
        return rig;
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffUntilItTakesTheNotificationOnce(CapturedOutput output) {
        rig(AlertProperties.defaults(dir).withTimers(Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(4)),
                Map.of("chat", AlertRig.slack(receiver.url() + "/services/" + SECRET)));
        receiver.failNext(500, 503, 502);
        rig.anomaly("cpu", 1);
        rig.run(s(1), s(1)); // first attempt, then retry 1 s later
        assertThat(receiver.requests()).hasSize(2);
        rig.run(s(1), s(1)); // backoff: the next waits 2 s
        assertThat(receiver.requests()).hasSize(2);
        rig.run(s(10), s(1));
        assertThat(receiver.requests()).hasSize(4);
        rig.run(Duration.ofMinutes(3), s(5));
        assertThat(receiver.requests()).hasSize(4);

        long id = rig.evaluator.openAlerts().getFirst().id();
        List<Notification> attempts = rig.table.notifications(id, 10);
        assertThat(attempts).extracting(Notification::outcome).containsExactly("sent", "failed", "failed", "failed");
        assertThat(attempts.get(1).detail()).startsWith("HTTP 502 from http://127.0.0.1:");
        ChannelHealth health = rig.channels.health("chat");
        assertThat(health.failures()).isEqualTo(3);
        assertThat(health.delivered()).isEqualTo(1);
        assertThat(health.lastError()).contains("HTTP 502").contains("/…");
        assertThat(output.getAll()).contains("Alert channel chat failed").doesNotContain("SECRET");
        attempts.forEach(n -> assertThat(n.detail()).doesNotContain("SECRET"));
        assertThat(health.lastError()).doesNotContain("SECRET");
    }

    @Test
    void aRefusalIsNotHammeredButTriedAgainAGroupIntervalLater() {
        rig(AlertProperties.defaults(dir).withTimers(Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(4)),
                Map.of("hook", AlertRig.webhook(receiver.url() + "/hook")));
        receiver.failNext(404);
        for (int minute = 0; minute < 4; minute++) {
            rig.anomaly("cpu", 1);
            rig.run(Duration.ofMinutes(1), s(5));
        }
        assertThat(receiver.requests()).hasSize(1);
        for (int minute = 0; minute < 2; minute++) {
            rig.anomaly("cpu", 1);
            rig.run(Duration.ofMinutes(1), s(5));
        }
        assertThat(receiver.requests()).hasSize(2);
    }

    @Test
    void anUnreachableReceiverFailsWithoutHoldingUpTheOtherChannels() throws Exception {
        int closedPort;
        try (var probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        rig(AlertProperties.defaults(dir).withTimers(Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(4)),
                Map.of("dead", AlertRig.webhook("http://127.0.0.1:" + closedPort + "/hook?token=" + SECRET),
                        "live", AlertRig.webhook(receiver.url() + "/hook")));
        rig.anomaly("cpu", 1);
        rig.run(s(5), s(1));
        assertThat(receiver.to("/hook")).hasSize(1);
        assertThat(rig.channels.health("dead").failures()).isGreaterThanOrEqualTo(1);
        assertThat(rig.channels.health("dead").lastError()).startsWith("cannot reach http://127.0.0.1:")
                .doesNotContain("SECRET");
    }

    @Test
    void aFullQueueMergesArrivalsPerStreamAndLosesNoAlert() {
        AlertProperties p = AlertProperties.defaults(dir).withTimers(Duration.ZERO, Duration.ofMinutes(5),
                Duration.ofHours(4));
        p = new AlertProperties(p.dataDirectory(), p.groupWait(), p.groupInterval(), p.repeatInterval(),
                p.keepFiringFor(), p.pending(), p.pendingWindow(), p.minSeverity(), p.nodata(), p.nodataAfter(),
                p.timeZone(), p.retention(), 100, Map.of(), Map.of());
        rig(p, Map.of("hook", AlertRig.webhook(receiver.url() + "/hook")));
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 1000; i++) {
                rig.anomaly("s" + i, i);
            }
        }
        assertThat(rig.evaluator.intake().mergedCount()).isEqualTo(2900);
        rig.run(s(2), s(1));
        assertThat(rig.evaluator.openAlerts()).hasSize(1000).allMatch(a -> a.state() == AlertState.FIRING)
                .allMatch(a -> a.anomalies() == 3);
        assertThat(receiver.to("/hook")).hasSize(1000);
    }

    @Test
    void anEmailChannelWithoutAnSmtpServerIsUnavailableAndNothingElseSuffers() {
        rig(AlertProperties.defaults(dir).withTimers(Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(4)),
                Map.of("mail", AlertRig.email("oncall@example.com"), "hook", AlertRig.webhook(receiver.url() + "/hook")));
        assertThat(rig.channels.health("mail").unavailable()).contains("spring.mail.host");
        rig.anomaly("cpu", 1);
        rig.run(s(5), s(1));
        assertThat(receiver.to("/hook")).hasSize(1);
    }

    @Test
    void anAlertmanagerChannelPostsToItsApiAndResendsFiringAlertsSoTheyDoNotTimeOut() {
        rig(AlertProperties.defaults(dir), Map.of("am", new AlertProperties.ChannelConfig(ChannelType.ALERTMANAGER,
                receiver.url() + "/", null, null, null, null, null, null)));
        rig.anomaly("cpu", 1);
        rig.run(s(1), s(1));
        assertThat(receiver.to("/api/v2/alerts")).hasSize(1);
        var posted = receiver.to("/api/v2/alerts").getFirst().json().get(0);
        assertThat(posted.get("labels").get("alertname").asString()).isEqualTo("ZscopeAnomaly");
        assertThat(posted.has("status")).isFalse();
        long id = rig.evaluator.openAlerts().getFirst().id();
        rig.evaluator.command(() -> rig.evaluator.book().acknowledge(id, "ann", "", rig.clock.millis()));
        rig.run(Duration.ofMinutes(3), s(5));
        assertThat(receiver.to("/api/v2/alerts")).hasSize(4); // resent each minute, acknowledged or not
        rig.run(Duration.ofMinutes(5), s(5));
        var last = receiver.to("/api/v2/alerts").getLast().json().get(0);
        assertThat(last.get("endsAt").asString()).isEqualTo(NoticeJson.time(rig.alerts().getFirst().endsAt()));
    }

    @Test
    void channelsMadeInTheUiAreKeptOwnerOnlyAndComeBackAfterARestart() throws Exception {
        rig(AlertProperties.defaults(dir), Map.of());
        rig.channels.save(new ChannelSpec("team", ChannelType.SLACK, receiver.url() + "/services/" + SECRET, null, null,
                true, Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(4), false));
        Path file = dir.resolve(ChannelFile.NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        rig.restart();
        assertThat(rig.channels.specs()).singleElement().satisfies(c -> {
            assertThat(c.url()).endsWith(SECRET);
            assertThat(c.toString()).doesNotContain("SECRET");
        });
        rig.anomaly("cpu", 1);
        rig.run(s(2), s(1));
        assertThat(receiver.to("/services/" + SECRET)).hasSize(1);
    }
}
