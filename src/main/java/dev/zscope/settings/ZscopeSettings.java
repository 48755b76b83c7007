package dev.zscope.settings;

import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.simulator.SimulatorSettings;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a user tunes at run time, as one immutable value that is validated as a whole and
 * swapped atomically.
 *
 * @param detection        which detector the streams run, with its settings
 * @param simulator        the simulated stream's knobs
 * @param updateIntervalMs how often the simulated stream produces a point
 * @param pushIntervalMs   how often a browser receives a batch of updates (a separate knob: a
 *                         fast stream need not mean a busy browser)
 * @param streamDetectors  streams that run a detector of their own instead of {@code detection}
 */
public record ZscopeSettings(DetectorChoice detection, SimulatorSettings simulator,
                             int updateIntervalMs, int pushIntervalMs,
                             Map<String, DetectorChoice> streamDetectors) {

    public static final int MIN_UPDATE_MS = 10;
    public static final int MAX_UPDATE_MS = 60_000;
    public static final int MIN_PUSH_MS = 100;
    public static final int MAX_PUSH_MS = 10_000;

    public ZscopeSettings {
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(simulator, "simulator");
        streamDetectors = Collections.unmodifiableMap(new TreeMap<>(streamDetectors == null ? Map.of() : streamDetectors));
        if (updateIntervalMs < MIN_UPDATE_MS || updateIntervalMs > MAX_UPDATE_MS) {
            throw new IllegalArgumentException("update interval must be between " + MIN_UPDATE_MS
                    + " and " + MAX_UPDATE_MS + " ms");
        }
        if (pushIntervalMs < MIN_PUSH_MS || pushIntervalMs > MAX_PUSH_MS) {
            throw new IllegalArgumentException("push interval must be between " + MIN_PUSH_MS
                    + " and " + MAX_PUSH_MS + " ms");
        }
    }

    /** Settings where every stream runs the default detector. */
    public ZscopeSettings(DetectorChoice detection, SimulatorSettings simulator, int updateIntervalMs,
                          int pushIntervalMs) {
        this(detection, simulator, updateIntervalMs, pushIntervalMs, Map.of());
    }

    public ZscopeSettings withDetection(DetectorChoice d) {
        return new ZscopeSettings(d, simulator, updateIntervalMs, pushIntervalMs, streamDetectors);
    }

    /** These settings with {@code stream} running {@code choice}, or the default when null. */
    public ZscopeSettings withStreamDetector(String stream, DetectorChoice choice) {
        Map<String, DetectorChoice> next = new TreeMap<>(streamDetectors);
        if (choice == null) {
            next.remove(stream);
        } else {
            next.put(stream, choice);
        }
        return new ZscopeSettings(detection, simulator, updateIntervalMs, pushIntervalMs, next);
    }

    /** These settings with the other fields of {@code form} (the per-stream detectors stay). */
    public ZscopeSettings withStreamDetectorsOf(ZscopeSettings form) {
        return new ZscopeSettings(form.detection, form.simulator, form.updateIntervalMs, form.pushIntervalMs,
                streamDetectors);
    }
}
