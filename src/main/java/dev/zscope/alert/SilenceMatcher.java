package dev.zscope.alert;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One matcher of a silence, in Alertmanager's form. Names: {@code stream} or {@code alertname}.
 * Without {@code isRegex} the value is exact, or a glob when it has {@code *} or {@code ?} (stream
 * names cannot contain them, so nothing exact is lost); with it, a regular expression that must
 * match the whole value. {@code isEqual = false} negates.
 */
public record SilenceMatcher(String name, String value, boolean isRegex, boolean isEqual) {

    /** The longest value accepted. */
    public static final int MAX_VALUE = 200;

    /** A regular expression may look at this many characters before it counts as no match. */
    private static final int REGEX_BUDGET = 100_000;

    public SilenceMatcher {
        if (!"stream".equals(name) && !"alertname".equals(name)) {
            throw new IllegalArgumentException("a matcher's name must be 'stream' or 'alertname', not '"
                    + abbreviate(name) + "'");
        }
        if (value == null || value.isEmpty() || value.length() > MAX_VALUE) {
            throw new IllegalArgumentException("a matcher's value must have 1 to " + MAX_VALUE + " characters");
        }
        if (isRegex) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("the matcher's regular expression does not compile: "
                        + abbreviate(e.getDescription()));
            }
        }
    }

    /** An exact or glob matcher on the stream's name, as the UI makes them. */
    public static SilenceMatcher stream(String pattern) {
        return new SilenceMatcher("stream", pattern.strip(), false, true);
    }

    boolean matches(String stream, AlertKind kind) {
        String actual = "stream".equals(name) ? stream : kind.alertname();
        return matchesValue(actual) == isEqual;
    }

    private boolean matchesValue(String actual) {
        if (isRegex) {
            try {
                return Pattern.compile(value).matcher(new Budget(actual, REGEX_BUDGET)).matches();
            } catch (Budget.Exhausted e) {
                return false;
            }
        }
        return isGlob(value) ? Globs.matches(value, actual) : value.equals(actual);
    }

    static boolean isGlob(String value) {
        return value.indexOf('*') >= 0 || value.indexOf('?') >= 0;
    }

    String describe() {
        String op = isRegex ? (isEqual ? "=~" : "!~") : isGlob(value) ? (isEqual ? "~" : "!~") : (isEqual ? "=" : "!=");
        return name + op + "\"" + value + "\"";
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }

    /** A text that stops a regular expression that reads it too often (catastrophic backtracking). */
    private record Budget(String text, int[] left) implements CharSequence {
        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super(null, null, false, false);
            }
        }

        Budget(String text, int budget) {
            this(text, new int[] {budget});
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budget(text.substring(start, end), left);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
