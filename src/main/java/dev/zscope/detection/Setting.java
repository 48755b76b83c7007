package dev.zscope.detection;

import java.math.BigDecimal;

/**
 * One setting of a detector, stated once: its key, default, valid range and help. Parsing,
 * validation, defaults, {@code replay --help} and the settings form all read it, so they cannot
 * disagree about what is valid or how a rejection is worded.
 *
 * @param key          the name in {@code --set key=value}, the form and configuration
 * @param defaultValue the value used when none is given
 * @param min          the smallest valid value (exclusive when {@code aboveMin})
 * @param max          the largest valid value, inclusive
 * @param whole        whether only whole numbers are valid
 * @param aboveMin     whether {@code min} itself is invalid ("greater than 0")
 * @param help         what the setting does, for people
 */
public record Setting(String key, double defaultValue, double min, double max, boolean whole,
                      boolean aboveMin, String help) {

    public Setting {
        if (!accepts(defaultValue, min, max, whole, aboveMin)) {
            throw new IllegalStateException(key + ": default " + defaultValue + " is outside its own range");
        }
    }

    /** A whole number from {@code min} to {@code max}. */
    public static Setting whole(String key, long defaultValue, long min, long max, String help) {
        return new Setting(key, defaultValue, min, max, true, false, help);
    }

    /** A number from {@code min} to {@code max}. */
    public static Setting number(String key, double defaultValue, double min, double max, String help) {
        return new Setting(key, defaultValue, min, max, false, false, help);
    }

    /** A number greater than 0 and at most {@code max}. */
    public static Setting positive(String key, double defaultValue, double max, String help) {
        return new Setting(key, defaultValue, 0, max, false, true, help);
    }

    /** What a valid value is, in the words every message uses: "a whole number from 2 to 1000000". */
    public String range() {
        String kind = whole ? "a whole number" : "a number";
        return aboveMin ? kind + " greater than " + text(min) + " and at most " + text(max)
                : kind + " from " + text(min) + " to " + text(max);
    }

    /** The default as text, the way a user would type it. */
    public String defaultText() {
        return text(defaultValue);
    }

    /** Whether {@code value} is valid. */
    public boolean accepts(double value) {
        return accepts(value, min, max, whole, aboveMin);
    }

    /**
     * The value of {@code text}.
     *
     * @throws SettingException naming this key, for text that is no number or is out of range
     */
    public double parse(String text) {
        double value;
        try {
            String t = text.strip();
            value = whole ? Long.parseLong(t) : Double.parseDouble(t);
        } catch (NumberFormatException | NullPointerException e) {
            throw rejected(text);
        }
        if (!accepts(value)) {
            throw rejected(text);
        }
        return value;
    }

    /**
     * {@code value} when valid.
     *
     * @throws SettingException naming this key otherwise
     */
    public double check(double value) {
        if (!accepts(value)) {
            throw rejected(text(value));
        }
        return value;
    }

    private SettingException rejected(String text) {
        return new SettingException(key, key + " must be " + range() + ", got '" + text + "'");
    }

    private static boolean accepts(double v, double min, double max, boolean whole, boolean aboveMin) {
        return (aboveMin ? v > min : v >= min) && v <= max && (!whole || v == Math.rint(v));
    }

    /** 3, 0.25, 1000000, 1e12: plain up to a billion, then the short scientific form. */
    static String text(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (Math.abs(v) >= 1e10 && v == Math.rint(v)) {
            return BigDecimal.valueOf(v).stripTrailingZeros().toString().replace("E+", "e");
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
