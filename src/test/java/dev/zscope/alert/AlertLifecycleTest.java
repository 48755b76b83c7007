package dev.zscope.alert;

import static dev.zscope.alert.AlertRig.s;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The life of alerts on a simulated server clock, delivered for real: a webhook and a Slack
 * channel to the JDK's HTTP server on loopback, an e-mail channel to GreenMail. Alertmanager's
 * default timers (group-wait 30 s, group-interval 5 min, repeat-interval 4 h), keep-firing-for 5 min.
 */
class AlertLifecycleTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private Receiver receiver;
    private AlertRig rig;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(smtp.getSmtp().getPort());
        AlertProperties p = AlertProperties.defaults(dir).withChannels(Map.of(
                "hook", AlertRig.webhook(receiver.url() + "/hook"),
                "chat", AlertRig.slack(receiver.url() + "/slack?token=s3cr3t"),
                "mail", AlertRig.email("oncall@example.com")));
        rig = new AlertRig(dir, p, mail);
    }

    @AfterEach
    void stop() {
        rig.close();
        receiver.close();
    }

    @Test
    void anomaliesEvery30sFor10MinutesThenQuietGiveOneFiringAndOneResolvedPerChannel() throws Exception {
        for (int i = 0; i < 20; i++) {
            rig.anomaly("cpu", 93.2);
            rig.run(s(30), s(5));
        }
        rig.run(Duration.ofMinutes(30), s(5));

        List<Receiver.Request> hook = receiver.to("/hook");
        assertThat(hook).hasSize(2);
        assertThat(hook.get(0).json().get("status").asString()).isEqualTo("firing");
        assertThat(hook.get(1).json().get("status").asString()).isEqualTo("resolved");
        List<Receiver.Request> chat = receiver.to("/slack?token=s3cr3t");
        assertThat(chat).hasSize(2);
        assertThat(chat.get(0).json().get("text").asString()).contains("FIRING").contains("cpu").contains("93.2")
                .doesNotContain("\n");
        assertThat(chat.get(1).json().get("text").asString()).contains("RESOLVED");
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(2);
        assertThat(mails[0].getSubject()).startsWith("[Zscope] FIRING").contains("cpu");
        assertThat(mails[1].getSubject()).startsWith("[Zscope] RESOLVED");

        Alert a = rig.alerts().getFirst();
        assertThat(rig.alerts()).hasSize(1);
        assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(a.anomalies()).isEqualTo(20);
        assertThat(a.resolution()).isEqualTo("quiet for 5m");
        assertThat(Duration.between(a.startsAt(), a.endsAt())).isEqualTo(Duration.ofMinutes(9).plusSeconds(30 + 300));
        assertThat(rig.table.notifications(a.id(), 100)).hasSize(6).allMatch(Notification::sent);
    }

    @Test
    void theWebhookPayloadIsAlertmanagers() {
        rig.anomaly("cpu", 93.2);
        rig.run(s(30), s(5));

        var body = receiver.to("/hook").getFirst().json();
        assertThat(body.get("version").asString()).isEqualTo("4");
        assertThat(body.get("status").asString()).isEqualTo("firing");
        assertThat(body.get("receiver").asString()).isEqualTo("hook");
        assertThat(body.get("groupKey").asString()).isEqualTo("{}:{stream=\"cpu\"}");
        var alert = body.get("alerts").get(0);
        assertThat(alert.get("status").asString()).isEqualTo("firing");
        assertThat(alert.get("labels").get("alertname").asString()).isEqualTo("ZscopeAnomaly");
        assertThat(alert.get("labels").get("stream").asString()).isEqualTo("cpu");
        assertThat(alert.get("labels").get("detector").asString()).isEqualTo("zscore");
        assertThat(alert.get("labels").has("severity")).isTrue();
        assertThat(alert.get("annotations").get("value").asString()).isEqualTo("93.2");
        assertThat(alert.get("annotations").get("expected").asString()).isEqualTo("10");
        assertThat(alert.get("annotations").get("band").asString()).isEqualTo("8 to 12");
        assertThat(alert.get("annotations").get("score").asString()).isEqualTo("9.5");
        assertThat(alert.get("annotations").get("dashboard").asString()).isEqualTo("http://zscope.test/?stream=cpu");
        assertThat(alert.get("startsAt").asString()).isEqualTo("2026-12-07T10:00:00Z");
        assertThat(alert.get("endsAt").asString()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(alert.get("fingerprint").asString()).matches("[0-9a-f]{16}");
        assertThat(alert.get("groupKey").asString()).isEqualTo("{}:{stream=\"cpu\"}");
    }

    @Test
    void flappingIsFlaggedAndItsNotificationsAreHeldUntilItSettles() {
        // fire, quiet (resolves), fire again: three changes, each notified
        for (int burst = 0; burst < 2; burst++) {
            rig.anomaly("disk", 1);
            rig.run(Duration.ofMinutes(6), s(5));
        }
        assertThat(receiver.to("/hook")).hasSize(3); // firing, resolved, firing
        // the fourth change (quiet again) makes it flap: it stays open, flagged, and nothing is sent
        rig.anomaly("disk", 1);
        rig.run(Duration.ofMinutes(6), s(5));
        rig.anomaly("disk", 1);
        rig.run(Duration.ofMinutes(6), s(5));
        Alert open = rig.evaluator.openAlerts().getFirst();
        assertThat(open.flapping()).isTrue();
        assertThat(open.state()).isEqualTo(AlertState.FIRING);
        assertThat(rig.alerts()).hasSize(2);
        assertThat(receiver.to("/hook")).hasSize(3);

        // settled: fewer than 4 changes in the last 20 evaluations (of 5 min), then it resolves, notified once
        rig.run(Duration.ofMinutes(100), s(30));
        assertThat(rig.evaluator.openAlerts()).isEmpty();
        List<Receiver.Request> hook = receiver.to("/hook");
        assertThat(hook).hasSize(4);
        assertThat(hook.get(3).json().get("status").asString()).isEqualTo("resolved");
        assertThat(rig.alerts().getFirst().flapping()).isFalse();
    }

    @Test
    void aSilencedAlertIsShownSilencedAndNothingIsSent() {
        Instant now = rig.clock.instant();
        rig.silences.save(new Silence("s-1", List.of(SilenceMatcher.stream("db-*")), now, now.plus(Duration.ofHours(1)),
                "ann", "migration", now));
        rig.muting.silences(rig.silences.silences(now, 100));

        for (int i = 0; i < 10; i++) {
            rig.anomaly("db-main", 5);
            rig.run(s(30), s(5));
        }
        Alert a = rig.evaluator.openAlerts().getFirst();
        assertThat(a.state()).isEqualTo(AlertState.FIRING);
        assertThat(a.silenced()).isTrue();
        assertThat(a.silencedBy()).startsWith("silence s-1").contains("ann");
        rig.run(Duration.ofMinutes(10), s(5));
        assertThat(receiver.requests()).isEmpty();
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(rig.alerts().getFirst().state()).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void anAcknowledgedAlertIsNotRepeatedAndAnUnacknowledgedOneIs() {
        rig.anomaly("acked", 1);
        rig.anomaly("ignored", 1);
        rig.run(s(30), s(5));
        long acked = rig.evaluator.openAlerts().stream().filter(a -> a.stream().equals("acked")).findFirst()
                .orElseThrow().id();
        rig.evaluator.command(() -> rig.evaluator.book().acknowledge(acked, "ann", "on it", rig.clock.millis()));

        for (int minute = 0; minute < 9 * 60; minute += 2) { // nine hours of anomalies every two minutes
            rig.anomaly("acked", 1);
            rig.anomaly("ignored", 1);
            rig.run(Duration.ofMinutes(2), s(60));
        }
        List<String> streams = receiver.to("/hook").stream()
                .map(r -> r.json().get("groupLabels").get("stream").asString()).toList();
        assertThat(streams.stream().filter("acked"::equals)).hasSize(1);
        assertThat(streams.stream().filter("ignored"::equals)).hasSize(3); // at 30 s, 4 h 30 s, 8 h 30 s
        assertThat(rig.evaluator.openAlerts()).allMatch(a -> a.state() == AlertState.FIRING);

        rig.run(Duration.ofMinutes(10), s(30));
        Alert resolved = rig.table.get(acked).orElseThrow();
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.acknowledged()).as("cleared on resolve").isFalse();
    }

    @Test
    void aRestartMidIncidentKeepsItFiringAndNotifiesNothingTwice() {
        rig.anomaly("cpu", 90);
        rig.run(s(60), s(5));
        assertThat(receiver.to("/hook")).hasSize(1);
        long id = rig.evaluator.openAlerts().getFirst().id();

        rig.restart();
        assertThat(rig.evaluator.openAlerts()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(id);
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
        });
        for (int i = 0; i < 4; i++) {
            rig.anomaly("cpu", 91);
            rig.run(s(60), s(5));
        }
        assertThat(receiver.to("/hook")).hasSize(1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);

        rig.run(Duration.ofMinutes(15), s(5));
        List<Receiver.Request> hook = receiver.to("/hook");
        assertThat(hook).hasSize(2);
        assertThat(hook.get(1).json().get("status").asString()).isEqualTo("resolved");
        assertThat(rig.alerts()).hasSize(1);
    }
}
