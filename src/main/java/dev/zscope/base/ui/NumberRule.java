package dev.zscope.base.ui;

import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Result;
import java.math.BigDecimal;

/**
 * What a number field accepts, stated once, so every form says it the same way the detectors'
 * settings do: "{@code <label> must be a whole number from 10 to 60000, got '99999999999999'}".
 * A value outside the range is refused with that message at its field, never clamped and never
 * silently ignored. Fields are plain text fields, so what the browser shows is exactly what is
 * judged (a browser's number field keeps a value it cannot parse to itself).
 *
 * @param label what the message calls the field
 * @param whole whether only whole numbers are valid (read as a {@code long}, so beyond its range is
 *              refused, not rounded)
 * @param min   the smallest valid value, inclusive
 * @param max   the largest valid value, inclusive ({@code Double.POSITIVE_INFINITY}: no limit)
 */
public record NumberRule(String label, boolean whole, double min, double max) {

    /** A whole number from {@code min} to {@code max}. */
    public static NumberRule whole(String label, long min, long max) {
        return new NumberRule(label, true, min, max);
    }

    /** A number from {@code min} to {@code max}. */
    public static NumberRule number(String label, double min, double max) {
        return new NumberRule(label, false, min, max);
    }

    /** The valid values in words: "a whole number from 10 to 60000", "a number of 0 or more". */
    public String range() {
        String kind = whole ? "a whole number" : "a number";
        return max == Double.POSITIVE_INFINITY ? kind + " of " + text(min) + " or more"
                : kind + " from " + text(min) + " to " + text(max);
    }

    /** The message for text that is not valid. */
    public String rejected(String text) {
        String got = text == null || text.isBlank() ? "nothing" : "'" + text.strip() + "'";
        return label + " must be " + range() + ", got " + got;
    }

    /** {@code text} as a value, or the message that says why it is not one. */
    public Result<Double> parse(String text) {
        if (text == null || text.isBlank()) {
            return Result.error(rejected(text));
        }
        String t = text.strip().replace('\u2212', '-'); // a typographic minus counts as one
        double value;
        try {
            value = whole ? Long.parseLong(t) : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Result.error(rejected(text));
        }
        boolean inRange = value >= min && value <= max && Double.isFinite(value);
        return inRange ? Result.ok(value) : Result.error(rejected(text));
    }

    /** {@link #parse} for a whole number that must keep every digit (a seed). */
    public Result<Long> parseLong(String text) {
        if (!whole || text == null || text.isBlank()) {
            return Result.error(rejected(text));
        }
        try {
            long value = Long.parseLong(text.strip().replace('\u2212', '-'));
            return value >= min && value <= max ? Result.ok(value) : Result.error(rejected(text));
        } catch (NumberFormatException e) {
            return Result.error(rejected(text));
        }
    }

    /** A text field for this rule: the range as help, a numeric keyboard on phones. */
    public TextField field(String id) {
        TextField f = new TextField(label);
        f.setId(id);
        f.setHelperText(capitalized(range()));
        if (min >= 0) { // phones' numeric keyboards have no minus sign
            f.getElement().setAttribute("inputmode", whole ? "numeric" : "decimal");
        }
        return f;
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A value as a field shows it: 3, 0.25, 1000000, never 1.0E12. */
    public static String plain(double v) {
        return text(v);
    }

    /** 3, 0.25, 1000000, -9223372036854775808: plain, as a person types it. */
    static String text(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) >= 9.2e18) {
            return v < 0 ? Long.toString(Long.MIN_VALUE) : Long.toString(Long.MAX_VALUE);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
