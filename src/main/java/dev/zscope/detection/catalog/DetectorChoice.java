package dev.zscope.detection.catalog;

import dev.zscope.detection.Detector;
import dev.zscope.detection.SettingSpec;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which detector a stream runs and with which settings, as a value that can be stored, compared
 * and shown: a kind's name from {@link Detectors} plus the settings that differ from its
 * defaults, as text. Constructing one validates it by building a detector once, so an invalid
 * choice never gets past its constructor.
 *
 * @param detector a name from {@link Detectors#kinds()}
 * @param settings setting keys to values, over the kind's defaults
 */
public record DetectorChoice(String detector, Map<String, String> settings) {

    public DetectorChoice {
        Objects.requireNonNull(detector, "detector");
        settings = java.util.Collections.unmodifiableMap(new TreeMap<>(settings == null ? Map.of() : settings));
        Detectors.create(detector, settings);
    }

    /** The recommended detector with its defaults. */
    public static DetectorChoice recommended() {
        return new DetectorChoice(Detectors.DEFAULT, Map.of());
    }

    /** A new detector in its initial state. */
    public Detector create() {
        return Detectors.create(detector, settings);
    }

    /** The value of a setting, or its default. */
    public String setting(String key) {
        String v = settings.get(key);
        if (v != null) {
            return v;
        }
        return Detectors.kind(detector).settings().stream().filter(s -> s.key().equals(key))
                .map(SettingSpec::defaultValue).findFirst().orElse(null);
    }
}
