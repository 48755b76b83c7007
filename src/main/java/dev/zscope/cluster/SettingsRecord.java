package dev.zscope.cluster;

import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.settings.ZscopeSettings;
import dev.zscope.simulator.SimulatorSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The records of the compacted {@code settings} topic, which is partitioned like the points so that
 * detection applies them in order with the points:
 * <ul>
 *   <li>key {@value #DEFAULTS} (never a stream's name), once in every partition: the settings in
 *       force, the default detector among them, with when and by which node they were published;
 *       readers keep the newest by that, so two admins saving at once on two nodes leave every
 *       partition and every node with the same settings;</li>
 *   <li>key a stream's name: the detector of its own ({@code detector=} and {@code setting.<key>=}
 *       lines), or no lines when it runs the default again;</li>
 *   <li>key a stream's name with no value (a tombstone): the stream was deleted, detection forgets it.</li>
 * </ul>
 */
final class SettingsRecord {

    /** The key of the settings in force; not a valid stream name. */
    static final String DEFAULTS = "*";
    private static final String DETECTOR = "detector";
    private static final String SETTING = "setting.";
    private static final String PUBLISHED_AT = "published-at";
    private static final String PUBLISHED_BY = "published-by";

    /** When and where settings were published: newer wins, the node id breaks ties. */
    record Version(long millis, String node) implements Comparable<Version> {
        @Override
        public int compareTo(Version o) {
            int c = Long.compare(millis, o.millis);
            return c != 0 ? c : node.compareTo(o.node);
        }
    }

    /** Settings as published. */
    record Published(Version version, ZscopeSettings settings) {
    }

    private SettingsRecord() {
    }

    static byte[] encode(DetectorChoice choice) {
        return TextRecord.encode(choiceFields(choice));
    }

    /** A stream's own detector, or null when the record returns it to the default. */
    static DetectorChoice decodeChoice(byte[] bytes) {
        Map<String, String> f = TextRecord.decode(bytes);
        return f.containsKey(DETECTOR) ? choice(f) : null;
    }

    static byte[] encode(ZscopeSettings s, Version version) {
        Map<String, String> f = choiceFields(s.detection());
        f.put(PUBLISHED_AT, Long.toString(version.millis()));
        f.put(PUBLISHED_BY, version.node());
        SimulatorSettings m = s.simulator();
        f.put("update-interval-ms", Integer.toString(s.updateIntervalMs()));
        f.put("push-interval-ms", Integer.toString(s.pushIntervalMs()));
        f.put("simulator.level", Double.toString(m.level()));
        f.put("simulator.amplitude", Double.toString(m.amplitude()));
        f.put("simulator.period-points", Integer.toString(m.periodPoints()));
        f.put("simulator.noise", Double.toString(m.noise()));
        f.put("simulator.spike-rate", Double.toString(m.spikeRate()));
        f.put("simulator.spike-magnitude", Double.toString(m.spikeMagnitude()));
        f.put("simulator.shift-rate", Double.toString(m.shiftRate()));
        f.put("simulator.shift-magnitude", Double.toString(m.shiftMagnitude()));
        f.put("simulator.seed", Long.toString(m.seed()));
        return TextRecord.encode(f);
    }

    /** @throws IllegalArgumentException for a record that does not hold valid settings */
    static Published decodeSettings(byte[] bytes) {
        Map<String, String> f = TextRecord.decode(bytes);
        try {
            SimulatorSettings m = new SimulatorSettings(d(f, "simulator.level"), d(f, "simulator.amplitude"),
                    Integer.parseInt(f.get("simulator.period-points")), d(f, "simulator.noise"),
                    d(f, "simulator.spike-rate"), d(f, "simulator.spike-magnitude"), d(f, "simulator.shift-rate"),
                    d(f, "simulator.shift-magnitude"), Long.parseLong(f.get("simulator.seed")));
            return new Published(version(f), new ZscopeSettings(choice(f), m,
                    Integer.parseInt(f.get("update-interval-ms")), Integer.parseInt(f.get("push-interval-ms"))));
        } catch (NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("incomplete settings: " + f.keySet(), e);
        }
    }

    /** Only the detector of the settings in force, which is all detection needs of them. */
    static DetectorChoice decodeDefaultDetector(byte[] bytes) {
        return choice(TextRecord.decode(bytes));
    }

    /** When and where the settings in {@code bytes} were published. */
    static Version version(byte[] bytes) {
        return version(TextRecord.decode(bytes));
    }

    private static Version version(Map<String, String> f) {
        try {
            return new Version(Long.parseLong(f.getOrDefault(PUBLISHED_AT, "0")), f.getOrDefault(PUBLISHED_BY, ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + PUBLISHED_AT + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> choiceFields(DetectorChoice choice) {
        Map<String, String> f = new HashMap<>();
        f.put(DETECTOR, choice.detector());
        choice.settings().forEach((k, v) -> f.put(SETTING + k, v));
        return f;
    }

    private static DetectorChoice choice(Map<String, String> f) {
        String detector = f.get(DETECTOR);
        if (detector == null) {
            throw new IllegalArgumentException("no detector");
        }
        Map<String, String> settings = new TreeMap<>();
        f.forEach((k, v) -> {
            if (k.startsWith(SETTING)) {
                settings.put(k.substring(SETTING.length()), v);
            }
        });
        return new DetectorChoice(detector, settings);
    }

    private static double d(Map<String, String> f, String key) {
        return Double.parseDouble(f.get(key));
    }
}
