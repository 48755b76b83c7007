package dev.zscope.alert;

import static dev.zscope.alert.AlertRig.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert tables on PostgreSQL (the V5 migration, every query), when {@code ZSCOPE_TEST_POSTGRES_URL}
 * names one; skipped otherwise. Works in a schema of this JVM's own, dropped at the end.
 */
@EnabledIfEnvironmentVariable(named = "ZSCOPE_TEST_POSTGRES_URL", matches = ".+")
class AlertPostgresTest {

    private static final String URL = System.getenv("ZSCOPE_TEST_POSTGRES_URL");

    @TempDir
    Path dir;

    private Receiver receiver;
    private AlertRig rig;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
        AlertProperties p = AlertProperties.defaults(dir).withChannels(Map.of("hook",
                AlertRig.webhook(receiver.url() + "/hook")));
        rig = new AlertRig(dir, p, null, Instant.parse("2026-12-07T10:00:00Z"), URL);
    }

    @AfterEach
    void stop() {
        rig.close();
        receiver.close();
    }

    @AfterAll
    static void drop() throws Exception {
        try (Connection c = DriverManager.getConnection(URL); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + AlertRig.POSTGRES_SCHEMA + " CASCADE");
        }
    }

    @Test
    void aFiringAlertSurvivesARestartAndIsNotNotifiedTwice() {
        rig.anomaly("cpu", 90);
        rig.run(s(60), s(5));
        long id = rig.evaluator.openAlerts().getFirst().id();
        rig.evaluator.command(() -> rig.evaluator.book().acknowledge(id, "ann", "on it", rig.clock.millis()));

        rig.restart();
        assertThat(rig.evaluator.openAlerts()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(id);
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.acknowledgement().by()).isEqualTo("ann");
        });
        rig.anomaly("cpu", 91);
        rig.run(Duration.ofMinutes(15), s(5));

        assertThat(receiver.to("/hook")).extracting(r -> r.json().get("status").asString())
                .containsExactly("firing", "resolved");
        assertThat(rig.table.find(new AlertFilter("cpu", Set.of(AlertState.RESOLVED)), 0, 10)).singleElement()
                .satisfies(a -> assertThat(a.anomalies()).isEqualTo(2));
        assertThat(rig.table.count(new AlertFilter("cpu", Set.of(AlertState.FIRING)))).isZero();
        assertThat(rig.table.notifications(id, 10)).extracting(Notification::outcome).containsExactly("sent", "sent");
    }

    @Test
    void silencesWindowsLabelsAndRulesRoundTrip() {
        Instant now = rig.clock.instant();
        rig.silences.save(new Silence("s-1", List.of(SilenceMatcher.stream("db-*")), now, now.plus(Duration.ofHours(1)),
                "ann", "migration", now));
        rig.silences.add(new MaintenanceWindow(0, "backups", "db-*", Set.of(DayOfWeek.SUNDAY), LocalTime.of(2, 0),
                LocalTime.of(4, 0), ZoneId.of("Europe/Berlin"), "ann"));
        rig.triage.label(new Label("cpu", now, Triage.FALSE_POSITIVE, "noise", "olga", now, 3.5, Double.NaN, 3,
                "zscore"));
        rig.triage.label(new Label("cpu", now, Triage.TRUE_POSITIVE, "real", "olga", now, 3.5, 0.99, 3, "zscore"));
        rig.triage.rule("cpu", new AlertProperties.RuleConfig(3, Duration.ofMinutes(2), null, 0.9, true, null));

        assertThat(rig.silences.silences(now, 10)).singleElement()
                .satisfies(x -> assertThat(x.comment()).isEqualTo("migration"));
        assertThat(rig.silences.windows()).singleElement().satisfies(w -> {
            assertThat(w.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
            assertThat(w.days()).containsExactly(DayOfWeek.SUNDAY);
        });
        assertThat(rig.triage.labels("cpu", 10)).singleElement().satisfies(l -> {
            assertThat(l.triage()).isEqualTo(Triage.TRUE_POSITIVE);
            assertThat(l.severity()).isEqualTo(0.99);
        });
        assertThat(rig.triage.rules().get("cpu")).isEqualTo(new AlertProperties.RuleConfig(3, Duration.ofMinutes(2),
                null, 0.9, true, null));
    }
}
