package dev.zscope.settings;

import dev.zscope.base.PrivateFiles;
import dev.zscope.detection.catalog.DetectorChoice;
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

    Optional<Loaded> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return Optional.of(new Loaded(fromProperties(p), streamDetectors(p)));
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling("settings.properties.unreadable-" + System.currentTimeMillis());
            log.warn("Saved settings in {} are unreadable ({}); using the configured defaults and "
                    + "keeping the file as {}", file, e.getMessage(), aside.getFileName());
            try {
                Files.move(file, aside);
            } catch (IOException moveFailed) {
                log.warn("Could not set {} aside: {}", file, moveFailed.getMessage());
            }
            return Optional.empty();
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

    static ZscopeSettings fromProperties(Properties p) {
        DetectorChoice d = detection(p);
        SimulatorSettings m = new SimulatorSettings(dbl(p, "simulator.level"), dbl(p, "simulator.amplitude"),
                integer(p, "simulator.period-points"), dbl(p, "simulator.noise"),
                dbl(p, "simulator.spike-rate"), dbl(p, "simulator.spike-magnitude"),
                dbl(p, "simulator.shift-rate"), dbl(p, "simulator.shift-magnitude"),
                Long.parseLong(required(p, "simulator.seed")));
        return new ZscopeSettings(d, m, integer(p, "engine.update-interval-ms"),
                integer(p, "ui.push-interval-ms"));
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

    private static double dbl(Properties p, String key) {
        return Double.parseDouble(required(p, key));
    }

    private static int integer(Properties p, String key) {
        return Integer.parseInt(required(p, key));
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v.trim();
    }
}
