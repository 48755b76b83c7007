package dev.zscope.settings;

import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.detection.catalog.Detectors;
import java.util.Map;
import dev.zscope.simulator.SimulatorSettings;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configured defaults for the run-time settings; what a user saves in the UI (kept in
 * {@code settings.properties} in the data directory) wins over them. The detector is a name from
 * {@code Detectors}, {@code default} ({@code art}) unless configured, with its settings as
 * {@code zscope.settings.detector-settings.<key>=<value>}.
 */
@Validated
@ConfigurationProperties("zscope.settings")
public record SettingsProperties(@DefaultValue("data") Path dataDirectory,
                                 @DefaultValue(Detectors.DEFAULT) String detector,
                                 Map<String, String> detectorSettings,
                                 @DefaultValue("200") int updateIntervalMs,
                                 @DefaultValue("250") int pushIntervalMs,
                                 @DefaultValue Simulator simulator) {

    /** The simulated stream's defaults; see {@link SimulatorSettings}. */
    public record Simulator(@DefaultValue("100") double level,
                            @DefaultValue("5") double amplitude,
                            @DefaultValue("600") int periodPoints,
                            @DefaultValue("1.0") double noise,
                            @DefaultValue("0.002") double spikeRate,
                            @DefaultValue("10") double spikeMagnitude,
                            @DefaultValue("0.0005") double shiftRate,
                            @DefaultValue("10") double shiftMagnitude,
                            @DefaultValue("42") long seed) {

        SimulatorSettings toSettings() {
            return new SimulatorSettings(level, amplitude, periodPoints, noise, spikeRate,
                    spikeMagnitude, shiftRate, shiftMagnitude, seed);
        }
    }

    /** The defaults as a settings value; throws with a clear message if they are inconsistent. */
    ZscopeSettings toSettings() {
        return new ZscopeSettings(new DetectorChoice(detector, detectorSettings),
                simulator.toSettings(), updateIntervalMs, pushIntervalMs);
    }
}
