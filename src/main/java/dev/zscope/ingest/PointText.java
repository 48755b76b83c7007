package dev.zscope.ingest;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import tools.jackson.core.io.NumberInput;

/**
 * Reads a timestamp or a value written as text (a CSV cell, a JSON string), strictly: a value the
 * client did not mean must be refused, not guessed. The messages say what was wrong and what is
 * accepted, since they reach the client in the problem body.
 */
final class PointText {

    private static final DateTimeFormatter SPACE_SEPARATED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    static final String TIMESTAMP_FORMS = "use ISO-8601 with an offset (2024-05-01T12:00:00Z), "
            + "epoch milliseconds, or yyyy-MM-dd HH:mm:ss (UTC)";

    private PointText() {
    }

    /**
     * Epoch milliseconds of a timestamp: all digits are epoch milliseconds; {@code yyyy-MM-dd HH:mm:ss}
     * is UTC; anything else must be ISO-8601 with an offset.
     *
     * @throws IllegalArgumentException with the reason
     */
    static long timestamp(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty timestamp");
        }
        if (allDigits(text)) {
            if (text.length() > 18) {
                throw new IllegalArgumentException("epoch milliseconds '" + text + "' out of range");
            }
            return Long.parseLong(text);
        }
        try {
            if (text.length() == 19 && text.charAt(10) == ' ') {
                return LocalDateTime.parse(text, SPACE_SEPARATED).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            return OffsetDateTime.parse(text, ISO).toInstant().toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("malformed timestamp '" + abbreviate(text) + "': " + TIMESTAMP_FORMS);
        }
    }

    /**
     * A decimal number such as {@code -1.5}, {@code 3}, {@code 2.5e-3}; not NaN, not infinite, not
     * Java's extras ({@code 1d}, {@code 0x1p3}).
     *
     * @throws IllegalArgumentException with the reason
     */
    static double value(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("missing value");
        }
        if (!decimal(text)) {
            String word = text.replaceFirst("^[+-]", "");
            if (word.equalsIgnoreCase("NaN")) {
                throw new IllegalArgumentException("NaN is not a value");
            }
            if (word.equalsIgnoreCase("Infinity") || word.equalsIgnoreCase("Inf")) {
                throw new IllegalArgumentException("infinite value");
            }
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a number");
        }
        // Jackson's FastDoubleParser: correctly rounded like Double.parseDouble, several times faster.
        return finite(NumberInput.parseDouble(text, true));
    }

    /** Refuses NaN and infinity, including numbers too large for a double (1e400). */
    static double finite(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("NaN is not a value");
        }
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("infinite value (or beyond ±1.8e308)");
        }
        return value;
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code [+-]? digits [. digits] [(e|E) [+-] digits]}, with at least one mantissa digit. */
    private static boolean decimal(String s) {
        int i = 0;
        int n = s.length();
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            i++;
        }
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** Keeps a hostile or huge cell from filling the problem body. */
    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
