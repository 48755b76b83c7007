package dev.zscope.settings.ui;

import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.settings.ZscopeSettings;
import dev.zscope.simulator.SimulatorSettings;

/**
 * The settings form's flat view of {@link ZscopeSettings} (all but the detector, which has a
 * picker of its own), bound with Binder's record support.
 * Boxed types, because a cleared field is a null the binder reports as "required". Public only
 * because Binder reads records reflectively.
 */
public record SettingsFormValues(Integer updateIntervalMs, Integer pushIntervalMs,
                          Double level, Double amplitude, Integer periodPoints, Double noise,
                          Double spikeRate, Double spikeMagnitude, Double shiftRate,
                          Double shiftMagnitude, Long seed) {

    static SettingsFormValues of(ZscopeSettings s) {
        SimulatorSettings m = s.simulator();
        return new SettingsFormValues(s.updateIntervalMs(),
                s.pushIntervalMs(), m.level(), m.amplitude(), m.periodPoints(), m.noise(),
                m.spikeRate(), m.spikeMagnitude(), m.shiftRate(), m.shiftMagnitude(), m.seed());
    }

    /** Builds the settings; throws IllegalArgumentException with a readable message if invalid. */
    ZscopeSettings toSettings(DetectorChoice detection) {
        return new ZscopeSettings(detection,
                new SimulatorSettings(level, amplitude, periodPoints, noise, spikeRate,
                        spikeMagnitude, shiftRate, shiftMagnitude, seed),
                updateIntervalMs, pushIntervalMs);
    }
}
