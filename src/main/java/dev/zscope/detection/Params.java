package dev.zscope.detection;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a detector's settings from text (the command line, a form), falling back to the defaults
 * of its {@link SettingSpec}s, and fails with a message fit to show to the user as is. Unknown keys
 * are rejected up front, so a typo never silently runs with a default.
 */
public final class Params {

    private final String detector;
    private final Map<String, String> values;
    private final List<SettingSpec> specs;

    public Params(String detector, Map<String, String> values, List<SettingSpec> specs) {
        this.detector = detector;
        this.values = Map.copyOf(values);
        this.specs = List.copyOf(specs);
        TreeSet<String> unknown = new TreeSet<>(values.keySet());
        specs.forEach(s -> unknown.remove(s.key()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("detector '" + detector + "' has no setting " + unknown
                    + "; its settings are " + specs.stream().map(SettingSpec::key).toList());
        }
    }

    /** A number in [min, max]. */
    public double number(String key, double min, double max) {
        String text = text(key);
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw invalid(key, text, "a number");
        }
        if (!(v >= min && v <= max)) {
            throw invalid(key, text, "a number from " + min + " to " + max);
        }
        return v;
    }

    /** A whole number in [min, max]. */
    public int integer(String key, int min, int max) {
        String text = text(key);
        int v;
        try {
            v = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw invalid(key, text, "a whole number");
        }
        if (v < min || v > max) {
            throw invalid(key, text, "a whole number from " + min + " to " + max);
        }
        return v;
    }

    private String text(String key) {
        String given = values.get(key);
        if (given != null) {
            return given;
        }
        return specs.stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException(detector + " reads undeclared setting " + key))
                .defaultValue();
    }

    private IllegalArgumentException invalid(String key, String text, String expected) {
        return new IllegalArgumentException(
                detector + " setting " + key + " must be " + expected + ", got '" + text + "'");
    }
}
