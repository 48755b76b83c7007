package dev.zscope.settings;

import dev.zscope.base.PrivateFiles;
import dev.zscope.detection.catalog.DetectorChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import dev.zscope.simulator.SimulatorSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the settings a user saved in {@code settings.properties}, replaced atomically
 * ({@link PrivateFiles}) so a crash never leaves half a file. A file that cannot be read is
 * set aside (renamed, never deleted) and the configured defaults are used.
 */
final class SettingsStore {

    private static final Logger log = LoggerFactory.getLogger(SettingsStore.class);
    private static final String SETTING = "detection.setting.";
    private static final String STREAM = "stream.";
    private final Path file;

    SettingsStore(Path dataDirectory) {
        this.file = dataDirectory.resolve("settings.properties");
    }

    Path file() {
        return file;
    }

    /** Settings as saved, and the per-stream detectors older versions kept here. */
    record Loaded(ZscopeSettings settings, Map<String, DetectorChoice> legacyStreamDetectors) {
    }

    /**
     * The saved settings over {@code fallback}: a value that cannot be used (hand-edited, from
     * another version) falls back to its configured default on its own, with a warning naming it,
     * and the file is copied aside once so the original text is kept; the other values stay. A file
     * that is not a properties file at all is set aside whole.
     */
    Optional<Loaded> load(ZscopeSettings fallback) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | RuntimeException e) {
            setAside(e.getMessage(), true);
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        ZscopeSettings settings = fromProperties(p, fallback, problems);
        if (!problems.isEmpty()) {
            problems.forEach(problem -> log.warn("Saved settings in {}: {}; using the configured default for it",
                    file, problem));
            setAside(problems.size() + " unusable value(s)", false);
        }
        return Optional.of(new Loaded(settings, streamDetectors(p)));
    }

    private void setAside(String why, boolean move) {
        Path aside = file.resolveSibling("settings.properties.unreadable-" + System.currentTimeMillis());
        log.warn("Saved settings in {} are {}: {}; the file is kept as {}", file, move ? "unreadable" : "partly unusable",
                why, aside.getFileName());
        try {
            if (move) {
                Files.move(file, aside);
            } else {
                Files.copy(file, aside);
            }
        } catch (IOException failed) {
            log.warn("Could not keep a copy of {}: {}", file, failed.getMessage());
        }
    }

    void save(ZscopeSettings s) {
        Properties p = toProperties(s);
        try {
            PrivateFiles.replace(file, writer -> p.store(writer, "Zscope settings saved from the UI"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save settings to " + file, e);
        }
    }

    static Properties toProperties(ZscopeSettings s) {
        Properties p = new Properties();
        p.setProperty("detection.detector", s.detection().detector());
        s.detection().settings().forEach((k, v) -> p.setProperty(SETTING + k, v));
        p.setProperty("engine.update-interval-ms", Integer.toString(s.updateIntervalMs()));
        p.setProperty("ui.push-interval-ms", Integer.toString(s.pushIntervalMs()));
        SimulatorSettings m = s.simulator();
        p.setProperty("simulator.level", Double.toString(m.level()));
        p.setProperty("simulator.amplitude", Double.toString(m.amplitude()));
        p.setProperty("simulator.period-points", Integer.toString(m.periodPoints()));
        p.setProperty("simulator.noise", Double.toString(m.noise()));
        p.setProperty("simulator.spike-rate", Double.toString(m.spikeRate()));
        p.setProperty("simulator.spike-magnitude", Double.toString(m.spikeMagnitude()));
        p.setProperty("simulator.shift-rate", Double.toString(m.shiftRate()));
        p.setProperty("simulator.shift-magnitude", Double.toString(m.shiftMagnitude()));
        p.setProperty("simulator.seed", Long.toString(m.seed()));
        return p;
    }

    /** {@link #fromProperties(Properties, ZscopeSettings, List)} for a file that must be whole. */
    static ZscopeSettings fromProperties(Properties p) {
        List<String> problems = new ArrayList<>();
        ZscopeSettings s = fromProperties(p, null, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return s;
    }

    /** Reads each part on its own; an unusable part is {@code fallback}'s, and said in {@code problems}. */
    static ZscopeSettings fromProperties(Properties p, ZscopeSettings fallback, List<String> problems) {
        DetectorChoice d = part(() -> detection(p), fallback == null ? null : fallback.detection(), "detector",
                problems);
        SimulatorSettings fm = fallback == null ? SimulatorSettings.defaults() : fallback.simulator();
        SimulatorSettings m = part(() -> new SimulatorSettings(
                dbl(p, "simulator.level", fm.level(), problems), dbl(p, "simulator.amplitude", fm.amplitude(), problems),
                (int) dbl(p, "simulator.period-points", fm.periodPoints(), problems),
                dbl(p, "simulator.noise", fm.noise(), problems), dbl(p, "simulator.spike-rate", fm.spikeRate(), problems),
                dbl(p, "simulator.spike-magnitude", fm.spikeMagnitude(), problems),
                dbl(p, "simulator.shift-rate", fm.shiftRate(), problems),
                dbl(p, "simulator.shift-magnitude", fm.shiftMagnitude(), problems),
                (long) dbl(p, "simulator.seed", fm.seed(), problems)), fm, "simulator", problems);
        int update = (int) dbl(p, "engine.update-interval-ms", fallback == null ? 200 : fallback.updateIntervalMs(),
                problems);
        int push = (int) dbl(p, "ui.push-interval-ms", fallback == null ? 250 : fallback.pushIntervalMs(), problems);
        if (d == null) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        try {
            return new ZscopeSettings(d, m, update, push);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            if (fallback == null) {
                throw e;
            }
            return new ZscopeSettings(d, m, fallback.updateIntervalMs(), fallback.pushIntervalMs());
        }
    }

    private static <T> T part(java.util.function.Supplier<T> read, T fallback, String what, List<String> problems) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            problems.add(what + ": " + e.getMessage());
            return fallback;
        }
    }

    private static double dbl(Properties p, String key, double fallback, List<String> problems) {
        String v = p.getProperty(key);
        if (v == null) {
            problems.add("missing " + key);
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException("not finite");
            }
            return d;
        } catch (NumberFormatException e) {
            problems.add(key + " is '" + v.trim() + "', not a number");
            return fallback;
        }
    }

    /**
     * The detector in a saved file. Files from before detectors could be chosen hold
     * {@code detection.threshold/window/warmup}: they meant the rolling z-score, and still do.
     */
    private static DetectorChoice detection(Properties p) {
        String name = p.getProperty("detection.detector");
        if (name == null) {
            return new DetectorChoice("zscore", Map.of("threshold", required(p, "detection.threshold"),
                    "window", required(p, "detection.window"), "warmup", required(p, "detection.warmup")));
        }
        Map<String, String> settings = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(SETTING)) {
                settings.put(key.substring(SETTING.length()), p.getProperty(key).trim());
            }
        }
        return new DetectorChoice(name.trim(), settings);
    }

    /**
     * {@code stream.<name>.detector} and {@code stream.<name>.setting.<key>}, which versions before the
     * stream registry wrote; names may hold dots.
     */
    private static Map<String, DetectorChoice> streamDetectors(Properties p) {
        Map<String, DetectorChoice> out = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(STREAM) && key.endsWith(".detector")) {
                String stream = key.substring(STREAM.length(), key.length() - ".detector".length());
                String prefix = STREAM + stream + ".setting.";
                Map<String, String> settings = new TreeMap<>();
                for (String k : p.stringPropertyNames()) {
                    if (k.startsWith(prefix)) {
                        settings.put(k.substring(prefix.length()), p.getProperty(k).trim());
                    }
                }
                out.put(stream, new DetectorChoice(p.getProperty(key).trim(), settings));
            }
        }
        return out;
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v.trim();
    }
}
