package dev.zscope.bench;

import dev.zscope.detection.Detector;
import dev.zscope.detection.catalog.Detectors;
import dev.zscope.detection.ewma.EwmaDetector;
import dev.zscope.detection.zscore.ZScoreDetector;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where the benchmarks get a detector by name and window, through the application's
 * own registry {@link Detectors}, so that the benchmarks measure what users run.
 *
 * <p>The benchmarks' {@code window} maps onto each detector's own notion of memory: the Z-score's
 * {@code window} (warm-up 30, or the window if smaller), the EWMA's {@code span} (its cost does not
 * depend on it). The default detector has no window of that kind and runs with its defaults
 * whatever the window, so its rows per window are repeats.
 */
final class BenchDetectors {

    /** Warm-up of the default settings, capped by the window. */
    static final int WARMUP = 30;

    private BenchDetectors() {
    }

    /** The detector called {@code name} for a window of {@code window} points, if the registry has it. */
    static Optional<Detector> find(String name, int window) {
        Map<String, String> settings = switch (name) {
            case ZScoreDetector.NAME -> Map.of("window", Integer.toString(window),
                    "warmup", Integer.toString(Math.min(WARMUP, window)));
            case EwmaDetector.NAME -> Map.of("span", Integer.toString(window));
            default -> Map.of();
        };
        try {
            return Optional.of(Detectors.create(name, settings));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** Why {@code name} is missing, phrased for the benchmark output. */
    static String missing(String name) {
        return "detector '" + name + "' is not in " + Detectors.class.getName() + "; benchmark skipped";
    }
}
