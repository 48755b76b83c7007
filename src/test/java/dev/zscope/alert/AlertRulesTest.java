package dev.zscope.alert;

import static dev.zscope.alert.AlertRig.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zscope.detection.Streams;
import dev.zscope.engine.Anomaly;
import dev.zscope.engine.AnomalySink;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.EngineProperties;
import dev.zscope.engine.StreamStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules on a simulated server clock: pending counts, backfilled batches, no-data alerts, and a level
 * shift through the real engine and default detector.
 */
class AlertRulesTest {

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

    private AlertRig rig(AlertProperties p) {
        rig = new AlertRig(dir, p.withChannels(Map.of("hook", AlertRig.webhook(receiver.url() + "/hook"))), null);
        return rig;
    }

    private static AlertProperties withRule(AlertProperties p, AlertProperties.RuleConfig rule) {
        return new AlertProperties(p.dataDirectory(), p.groupWait(), p.groupInterval(), p.repeatInterval(),
                p.keepFiringFor(), p.pending(), p.pendingWindow(), p.minSeverity(), p.nodata(), p.nodataAfter(),
                p.timeZone(), p.retention(), p.queueCapacity(), p.channels(), Map.of("cpu", rule));
    }

    @Test
    void aPendingRuleFiresOnlyOnEnoughAnomaliesWithinItsWindowAndForgetsOnesThatNeverFired() {
        rig(withRule(AlertProperties.defaults(dir), new AlertProperties.RuleConfig(3, Duration.ofMinutes(5), null,
                null, null, null)));
        rig.anomaly("cpu", 1);
        rig.run(Duration.ofMinutes(2), s(10));
        rig.anomaly("cpu", 1);
        rig.run(s(10), s(10));
        assertThat(rig.evaluator.openAlerts()).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.PENDING));
        rig.run(Duration.ofMinutes(6), s(10));
        assertThat(rig.evaluator.openAlerts()).isEmpty();
        assertThat(rig.alerts()).as("a pending alert that never fired is no incident").isEmpty();

        for (int i = 0; i < 3; i++) {
            rig.anomaly("cpu", 1);
            rig.run(Duration.ofMinutes(1), s(10));
        }
        assertThat(rig.evaluator.openAlerts()).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.FIRING));
        assertThat(receiver.to("/hook")).hasSize(1);
        assertThat(rig.alerts()).hasSize(1);
    }

    @Test
    void aMinimumSeverityIgnoresMilderAnomaliesByTheirCalibratedSeverity() {
        rig(withRule(AlertProperties.defaults(dir), new AlertProperties.RuleConfig(null, null, null, 0.95, null,
                null)));
        rig.anomaly("cpu", 1, 0.9);
        rig.anomaly("cpu", 1, 0.94);
        rig.run(Duration.ofMinutes(2), s(10));
        assertThat(rig.alerts()).as("below the stream's minimum severity").isEmpty();
        assertThat(receiver.to("/hook")).isEmpty();

        rig.anomaly("other", 1, 0.5);
        rig.run(Duration.ofMinutes(1), s(10));
        assertThat(rig.alerts()).as("the default rule has no minimum").singleElement()
                .satisfies(a -> assertThat(a.stream()).isEqualTo("other"));

        rig.anomaly("cpu", 1, 0.97);
        rig.run(Duration.ofMinutes(1), s(10));
        assertThat(rig.alerts()).filteredOn(a -> a.stream().equals("cpu")).singleElement()
                .satisfies(a -> assertThat(a.lastSeverity()).isEqualTo(0.97));
        assertThat(Severities.passes(Double.NaN, 0.95)).as("an unknown severity is reported, not dropped").isTrue();
    }

    @Test
    void aBackfilledBatchIsOneIncidentWhateverTimeItsPointsSpan() {
        rig(AlertProperties.defaults(dir));
        List<Anomaly> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(new Anomaly(rig.clock.instant().minus(Duration.ofHours(5)).plus(Duration.ofMinutes(6L * i)), "old",
                    5, 9, 0.99, 1, 0, 2, 1, 4, 3, 100, "zscore"));
        }
        rig.evaluator.intake().kept(batch, rig.clock.millis());
        rig.run(Duration.ofMinutes(20), s(10));

        assertThat(rig.alerts()).singleElement().satisfies(a -> {
            assertThat(a.anomalies()).isEqualTo(50);
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.firstPointAt()).isEqualTo(batch.getFirst().time());
            assertThat(a.last().time()).isEqualTo(batch.getLast().time());
        });
        assertThat(receiver.to("/hook")).hasSize(2);
    }

    @Test
    void aStreamThatGoesStaleRaisesANoDataAlertThatResolvesWhenDataComesBack() {
        rig(withRule(AlertProperties.defaults(dir), new AlertProperties.RuleConfig(null, null, null, null, true,
                Duration.ofMinutes(10))));
        rig.lastSeen.put("cpu", rig.clock.millis());
        rig.lastSeen.put("quiet-but-not-watched", rig.clock.millis());
        rig.run(Duration.ofMinutes(9), s(10));
        assertThat(rig.evaluator.openAlerts()).isEmpty();
        rig.run(Duration.ofMinutes(2), s(10));
        assertThat(rig.evaluator.openAlerts()).singleElement().satisfies(a -> {
            assertThat(a.stream()).isEqualTo("cpu");
            assertThat(a.kind()).isEqualTo(AlertKind.NODATA);
            assertThat(a.state()).isEqualTo(AlertState.NODATA);
        });
        assertThat(receiver.to("/hook")).singleElement().satisfies(r -> assertThat(r.json().get("alerts").get(0)
                .get("labels").get("alertname").asString()).isEqualTo("ZscopeNoData"));

        rig.lastSeen.put("cpu", rig.clock.millis());
        rig.run(Duration.ofMinutes(6), s(10));
        assertThat(rig.evaluator.openAlerts()).isEmpty();
        assertThat(rig.alerts().getFirst().resolution()).isEqualTo("data came back");
        assertThat(receiver.to("/hook")).hasSize(2);
    }

    @Test
    void aLevelShiftHeldForAnHourGivesOneAlert() {
        rig(AlertProperties.defaults(dir));
        DetectionEngine engine = new DetectionEngine(EngineProperties.defaults(), AnomalySink.DISCARD,
                StreamStore.NONE, rig.clock);
        engine.listen(rig.evaluator.intake());
        double[] before = Streams.noise(7, 3000, 100);
        long t = rig.clock.millis() - 3000L * 10_000;
        for (double v : before) {
            engine.backfill("level", t, v, false);
            t += 10_000;
        }
        double[] after = Streams.noise(8, 3 * 360, 120); // a point every 10 s: one hour shifted, then two more
        for (double v : after) {
            engine.process("level", rig.clock.millis(), v, false);
            rig.run(s(10), s(10));
        }
        engine.destroy();

        assertThat(rig.alerts()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.RESOLVED));
        assertThat(receiver.to("/hook")).extracting(r -> r.json().get("status").asString())
                .containsExactly("firing", "resolved");
    }
}
