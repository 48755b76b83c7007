package dev.zscope.bench;

import dev.zscope.detection.Detector;
import dev.zscope.detection.ZScoreDetector;
import dev.zscope.detection.ZScoreSettings;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;

/**
 * The one place where the benchmarks get a detector by name and window, so that detectors written on
 * other branches join the benchmarks without touching them.
 *
 * <p>{@code zscore} is built here directly. Any other name is looked up, by reflection so that this
 * compiles before it exists, in a registry {@value #REGISTRY} with a public static method
 * {@code Detector create(String name, int window)}. Until that class is on the classpath (or when it
 * does not know the name) {@link #find} is empty and the benchmark that needs it reports that it was
 * not run. When the registry lands with another signature, adapt {@link #fromRegistry} only.
 */
final class BenchDetectors {

    /** The registry class other detectors are expected to be reachable through. */
    static final String REGISTRY = "dev.zscope.detection.Detectors";

    /** Threshold of the default settings; warm-up as the default (30) but never above the window. */
    static final double THRESHOLD = 3.0;
    static final int WARMUP = 30;

    private BenchDetectors() {
    }

    /** The detector called {@code name} for a window of {@code window} points, if this build has it. */
    static Optional<Detector> find(String name, int window) {
        if (ZScoreDetector.NAME.equals(name)) {
            return Optional.of(new ZScoreDetector(new ZScoreSettings(THRESHOLD, window, Math.min(WARMUP, window))));
        }
        return fromRegistry(name, window);
    }

    /** Why {@code name} is missing, phrased for the benchmark output. */
    static String missing(String name) {
        return "detector '" + name + "' is not in this build: no public static Detector create(String, int) in "
                + REGISTRY + " that knows it; benchmark skipped";
    }

    private static Optional<Detector> fromRegistry(String name, int window) {
        Class<?> registry;
        try {
            registry = Class.forName(REGISTRY);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        try {
            Method create = registry.getMethod("create", String.class, int.class);
            if (!Modifier.isStatic(create.getModifiers()) || !Detector.class.isAssignableFrom(create.getReturnType())) {
                return Optional.empty();
            }
            return Optional.ofNullable((Detector) create.invoke(null, name, window));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            // The registry exists but refused the name (e.g. IllegalArgumentException): treat as absent.
            return Optional.empty();
        }
    }
}
