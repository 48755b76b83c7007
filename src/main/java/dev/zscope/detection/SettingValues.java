package dev.zscope.detection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A detector's settings as validated numbers: what a settings record is built from. Made from text
 * ({@link #parse}) or from the defaults ({@link #defaults}); every problem is reported at once.
 */
public final class SettingValues {

    private final Map<String, Double> values;

    private SettingValues(Map<String, Double> values) {
        this.values = values;
    }

    /** Every setting at its default. */
    public static SettingValues defaults(List<Setting> settings) {
        return parse(settings, Map.of());
    }

    /**
     * {@code text} over the defaults of {@code settings}.
     *
     * @throws SettingException listing every unknown key and every invalid value
     */
    public static SettingValues parse(List<Setting> settings, Map<String, String> text) {
        List<SettingException.Problem> problems = new ArrayList<>();
        TreeSet<String> unknown = new TreeSet<>(text.keySet());
        settings.forEach(s -> unknown.remove(s.key()));
        for (String key : unknown) {
            problems.add(new SettingException.Problem(key, "there is no setting '" + key + "'; the settings are "
                    + settings.stream().map(Setting::key).toList()));
        }
        Map<String, Double> values = new HashMap<>();
        for (Setting s : settings) {
            String given = text.get(s.key());
            try {
                values.put(s.key(), given == null ? s.defaultValue() : s.parse(given));
            } catch (SettingException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new SettingException(problems);
        }
        return new SettingValues(values);
    }

    public double number(Setting setting) {
        Double v = values.get(setting.key());
        if (v == null) {
            throw new IllegalStateException("undeclared setting " + setting.key());
        }
        return v;
    }

    public int whole(Setting setting) {
        return Math.toIntExact((long) number(setting));
    }
}
