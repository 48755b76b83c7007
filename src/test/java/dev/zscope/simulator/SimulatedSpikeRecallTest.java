package dev.zscope.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zscope.detection.Detector;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.detection.Verdict;
import dev.zscope.settings.SettingsProperties;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * What a new install shows: the product's configured default detector, at its own live threshold,
 * on the three demo streams with the configured simulator defaults (both read from
 * {@link SettingsProperties} as Spring binds it with nothing configured). It must flag most
 * injected spikes and dips at their own point, most level shifts within five points, and almost
 * nothing else. If the default detector or the simulator changes so that this no longer holds,
 * the product default has to be revisited (DECISIONS.md, 2026-11-23).
 */
class SimulatedSpikeRecallTest {

    private static final int POINTS = 30_000;
    private static final int STREAMS = 3;
    /** Points after a level shift within which flagging it counts as prompt. */
    private static final int PROMPT = 5;
    /** Points after an injection whose flags belong to that incident. */
    private static final int INCIDENT = 16;

    private static SettingsProperties defaults;

    @BeforeAll
    static void bindTheConfiguredDefaults() {
        defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("zscope.settings", SettingsProperties.class);
    }

    /** Spikes flagged at their point, shifts flagged promptly, other flags, over all streams. */
    record Recall(int spikes, int spikesFlagged, int shifts, int shiftsFlagged, int otherFlags) {
        double spikeRecall() {
            return (double) spikesFlagged / spikes;
        }

        double shiftRecall() {
            return (double) shiftsFlagged / shifts;
        }

        double otherFlagsPer10k() {
            return otherFlags * 10_000.0 / (STREAMS * POINTS);
        }
    }

    static Recall recall(DetectorChoice choice, SimulatorSettings simulator) {
        int spikes = 0;
        int spikesFlagged = 0;
        int shifts = 0;
        int shiftsFlagged = 0;
        int other = 0;
        for (int stream = 0; stream < STREAMS; stream++) {
            SimulatedSource source = new SimulatedSource(Simulators.derive(simulator, stream));
            Detector d = choice.create();
            Verdict v = new Verdict();
            long lastInjection = Long.MIN_VALUE / 2;
            long openShift = -1;
            for (int i = 0; i < POINTS; i++) {
                SimulatedSource.Sample s = source.next();
                d.update(s.index() * 1000L, s.value(), v);
                boolean flag = !v.learning() && v.anomaly();
                switch (s.injection()) {
                    case SPIKE_UP, SPIKE_DOWN -> {
                        spikes++;
                        spikesFlagged += flag ? 1 : 0;
                    }
                    case LEVEL_SHIFT -> {
                        shifts++;
                        openShift = i;
                    }
                    case NONE -> {
                        if (flag && i - lastInjection > INCIDENT) {
                            other++;
                        }
                    }
                }
                if (openShift >= 0 && flag && i - openShift < PROMPT) {
                    shiftsFlagged++;
                    openShift = -1;
                } else if (openShift >= 0 && i - openShift >= PROMPT - 1) {
                    openShift = -1;
                }
                if (s.injected()) {
                    lastInjection = i;
                }
            }
        }
        return new Recall(spikes, spikesFlagged, shifts, shiftsFlagged, other);
    }

    private static SimulatorSettings simulator() {
        SettingsProperties.Simulator s = defaults.simulator();
        return new SimulatorSettings(s.level(), s.amplitude(), s.periodPoints(), s.noise(), s.spikeRate(),
                s.spikeMagnitude(), s.shiftRate(), s.shiftMagnitude(), s.seed());
    }

    @Test
    void theConfiguredSimulatorDefaultsAreTheSimulatorsOwn() {
        assertThat(simulator()).isEqualTo(SimulatorSettings.defaults());
    }

    @Test
    void theProductDefaultFindsTheInjectedAnomaliesAndLittleElse() {
        DetectorChoice product = new DetectorChoice(defaults.detector(), defaults.detectorSettings());
        Recall r = recall(product, simulator());
        assertThat(r.spikes()).as("injected spikes").isGreaterThan(150);
        assertThat(r.shifts()).as("injected level shifts").isGreaterThan(30);
        assertThat(r.spikeRecall()).as("spikes flagged at the spike, %s", r).isGreaterThanOrEqualTo(0.8);
        assertThat(r.shiftRecall()).as("level shifts flagged within %d points, %s", PROMPT, r)
                .isGreaterThanOrEqualTo(0.8);
        assertThat(r.otherFlagsPer10k()).as("flags away from any injection per 10,000 points, %s", r)
                .isLessThanOrEqualTo(2);
    }

    /** Why the Z-score is no longer the default: it finds the spikes among many false alarms. */
    @Test
    void theZScoreFindsTheSpikesAmongManyFalseAlarms() {
        Recall z = recall(new DetectorChoice("zscore", Map.of()), simulator());
        assertThat(z.spikeRecall()).isGreaterThan(0.9);
        assertThat(z.otherFlagsPer10k()).as("%s", z).isGreaterThan(20);
    }
}
