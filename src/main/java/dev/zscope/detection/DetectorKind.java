package dev.zscope.detection;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A kind of detector as users choose it: its name, what it is for, its settings with defaults, and
 * how to make one from settings given as text.
 *
 * @param name     the name used in {@code --detector=name}
 * @param summary  one line on what it detects well
 * @param settings its settings, with defaults
 * @param factory  makes a detector from validated settings
 */
public record DetectorKind(String name, String summary, List<SettingSpec> settings,
                           Function<Params, Detector> factory) {

    public DetectorKind {
        Objects.requireNonNull(name, "name");
        settings = List.copyOf(settings);
    }

    /**
     * A new detector with {@code values} over the defaults.
     *
     * @throws IllegalArgumentException for an unknown key or an invalid value, with a message fit
     *                                  to show to the user
     */
    public Detector create(Map<String, String> values) {
        return factory.apply(new Params(name, values, settings));
    }
}
