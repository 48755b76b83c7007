package dev.zscope.settings;

import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.simulator.SimulatorSettings;
import java.util.Objects;

/**
 * Everything a user tunes at run time, as one immutable value that is validated as a whole and
 * swapped atomically.
 *
 * @param detection        which detector the streams run, with its settings
 * @param simulator        the simulated stream's knobs
 * @param updateIntervalMs how often the simulated stream produces a point
 * @param pushIntervalMs   how often a browser receives a batch of updates (a separate knob: a
 *                         fast stream need not mean a busy browser)
 *
 * <p>A stream's detector of its own is not a setting here: it belongs to the stream, in the
 * engine's registry.
 */
public record ZscopeSettings(DetectorChoice detection, SimulatorSettings simulator,
                             int updateIntervalMs, int pushIntervalMs) {

    public static final int MIN_UPDATE_MS = 10;
    public static final int MAX_UPDATE_MS = 60_000;
    public static final int MIN_PUSH_MS = 100;
    public static final int MAX_PUSH_MS = 10_000;

    public ZscopeSettings {
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(simulator, "simulator");
        if (updateIntervalMs < MIN_UPDATE_MS || updateIntervalMs > MAX_UPDATE_MS) {
            throw new IllegalArgumentException("update interval must be between " + MIN_UPDATE_MS
                    + " and " + MAX_UPDATE_MS + " ms");
        }
        if (pushIntervalMs < MIN_PUSH_MS || pushIntervalMs > MAX_PUSH_MS) {
            throw new IllegalArgumentException("push interval must be between " + MIN_PUSH_MS
                    + " and " + MAX_PUSH_MS + " ms");
        }
    }

    public ZscopeSettings withDetection(DetectorChoice d) {
        return new ZscopeSettings(d, simulator, updateIntervalMs, pushIntervalMs);
    }
}
