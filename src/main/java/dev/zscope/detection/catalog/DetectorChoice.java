package dev.zscope.detection.catalog;

import dev.zscope.detection.Detector;
import dev.zscope.detection.DetectorKind;
import dev.zscope.detection.Setting;
import dev.zscope.detection.StreamHints;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which detector a stream runs and with which settings, as a value that can be stored, compared
 * and shown: a kind's name from {@link Detectors} plus the settings that differ from its
 * defaults, as text (a setting given at its default is left out, so two choices that run the same
 * detector are equal). Constructing one validates it (without building a detector), so an invalid
 * choice never gets past its constructor. A retired detector's name becomes the recommended detector
 * with its defaults, with one log line, so a start never fails on an old choice.
 *
 * @param detector a name from {@link Detectors#kinds()}
 * @param settings setting keys to values, over the kind's defaults
 */
public record DetectorChoice(String detector, Map<String, String> settings) {

    /**
     * @throws IllegalArgumentException for an unknown detector; a
     *     {@link dev.zscope.detection.SettingException} naming each invalid setting
     */
    public DetectorChoice {
        Objects.requireNonNull(detector, "detector");
        if (Detectors.RETIRED.contains(detector)) {
            System.getLogger(DetectorChoice.class.getName()).log(System.Logger.Level.WARNING,
                    "Detector ''{0}'' was retired; running ''{1}'' (the recommended detector) with its defaults instead",
                    detector, Detectors.DEFAULT);
            detector = Detectors.DEFAULT;
            settings = Map.of();
        }
        DetectorKind<?> kind = Detectors.kind(detector);
        settings = settings == null ? Map.of() : settings;
        kind.validate(settings);
        TreeMap<String, String> differing = new TreeMap<>();
        settings.forEach((key, value) -> {
            Setting s = kind.setting(key).orElseThrow();
            if (s.parse(value) != s.defaultValue()) {
                differing.put(key, value.strip());
            }
        });
        settings = Collections.unmodifiableMap(differing);
    }

    /** The recommended detector with its defaults. */
    public static DetectorChoice recommended() {
        return new DetectorChoice(Detectors.DEFAULT, Map.of());
    }

    public DetectorKind<?> kind() {
        return Detectors.kind(detector);
    }

    /** A new detector in its initial state. */
    public Detector create() {
        return kind().create(settings);
    }

    /** The value of a setting as text, or its default; null when the kind has no such setting. */
    public String setting(String key) {
        String v = settings.get(key);
        return v != null ? v : kind().setting(key).map(Setting::defaultText).orElse(null);
    }

    /**
     * This choice with a stream's hints as the settings of the kind that takes them ({@link
     * StreamHints#MIN}, {@link StreamHints#MAX}, {@link StreamHints#PERIOD}); a kind that takes
     * none runs as it is. Hints replace those settings, given or not: a stream's hints are the one
     * place they are stated for it.
     */
    public DetectorChoice withHints(StreamHints hints) {
        DetectorKind<?> kind = kind();
        if (!takesHints()) {
            return this;
        }
        Map<String, String> merged = new HashMap<>(settings);
        for (String key : List.of(StreamHints.MIN, StreamHints.MAX, StreamHints.PERIOD)) {
            merged.remove(key);
        }
        hints.asSettings().forEach((key, value) -> {
            if (kind.setting(key).isPresent()) {
                merged.put(key, value);
            }
        });
        return merged.equals(settings) ? this : new DetectorChoice(detector, merged);
    }

    /** Whether the kind uses a stream's hints (it has a setting for at least one of them). */
    public boolean takesHints() {
        DetectorKind<?> kind = kind();
        return List.of(StreamHints.MIN, StreamHints.MAX, StreamHints.PERIOD).stream()
                .anyMatch(k -> kind.setting(k).isPresent());
    }
}
