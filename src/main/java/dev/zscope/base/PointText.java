package dev.zscope.base;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.io.NumberInput;

/**
 * The one reader of a point's timestamp and value written as text (a CSV cell, a JSON string), for
 * every way points come in. Two modes, stated once here:
 * <ul>
 *   <li>{@link Mode#STRICT}, the HTTP API: a value the client did not mean must be refused, not
 *       guessed. Timestamps are epoch milliseconds, {@code yyyy-MM-dd HH:mm:ss} (UTC) or ISO-8601
 *       with an offset; values are decimal numbers, never NaN or infinite.</li>
 *   <li>{@link Mode#LENIENT}, files (replay, backtest), which come from anywhere: also ISO-8601
 *       without an offset and plain dates (both UTC, so a file replays the same everywhere),
 *       fractions of a second in the spaced form, negative epoch milliseconds, and an empty,
 *       {@code NaN}, {@code null} or {@code NA} value for a missing one (NaN, skipped by the
 *       detectors).</li>
 * </ul>
 * Messages say what was wrong and what is accepted, since they reach people as they are.
 *
 * <p>The lines points come in are read through {@link #lines}: a byte order mark at the start is
 * dropped (editors on Windows write one) and a line longer than a limit (by default
 * {@link #MAX_LINE_LENGTH}) is refused with its number, so that a file or body without line breaks
 * cannot make a reader hold all of it as one line.
 */
public final class PointText {

    /** How forgiving to be. */
    public enum Mode { STRICT, LENIENT }

    public static final String TIMESTAMP_FORMS = "use ISO-8601 with an offset (2024-05-01T12:00:00Z), "
            + "epoch milliseconds, or yyyy-MM-dd HH:mm:ss (UTC)";
    private static final Set<String> MISSING = Set.of("", "nan", "null", "na", "n/a");
    private static final DateTimeFormatter SPACED_STRICT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter SPACED_LENIENT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss[.SSS]").withResolverStyle(ResolverStyle.STRICT);

    /** The default longest line: 1 MiB of characters, thousands of times a {@code timestamp,value} line. */
    public static final int MAX_LINE_LENGTH = 1 << 20;

    private static final char BOM = '\uFEFF';

    private PointText() {
    }

    /** A line longer than the limit: its 1-based number and the limit, in the message too. */
    public static final class LineTooLongException extends IllegalArgumentException {

        private final long line;
        private final int limit;

        LineTooLongException(long line, int limit) {
            super(String.format(Locale.ROOT, "line %d is longer than %,d characters", line, limit));
            this.line = line;
            this.limit = limit;
        }

        /** The 1-based number of the line, counting every line break ({@code \n}, {@code \r\n} or {@code \r}). */
        public long line() {
            return line;
        }

        public int limit() {
            return limit;
        }
    }

    /**
     * {@code in} without a leading byte order mark (U+FEFF), and refusing a line longer than
     * {@code maxLineLength} characters (without its line break): the read that would cross the limit
     * throws {@link LineTooLongException}, so no more than the limit and one buffer is ever held.
     */
    public static Reader lines(Reader in, int maxLineLength) {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("the line limit must be at least 1, not " + maxLineLength);
        }
        return new LimitedLines(in, maxLineLength);
    }

    private static final class LimitedLines extends FilterReader {

        private final int limit;
        private boolean started;
        private boolean afterCr;
        private long line = 1;
        private int length;

        LimitedLines(Reader in, int limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            int n;
            while ((n = read(one, 0, 1)) == 0) {
                // a BOM alone was dropped; read on
            }
            return n < 0 ? -1 : one[0];
        }

        @Override
        public int read(char[] buffer, int offset, int count) throws IOException {
            int n = in.read(buffer, offset, count);
            if (n <= 0) {
                return n;
            }
            if (!started) {
                started = true;
                if (buffer[offset] == BOM) {
                    System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
                    if (--n == 0) {
                        return read(buffer, offset, count);
                    }
                }
            }
            int end = offset + n;
            int i = offset;
            while (i < end) {
                int start = i;
                char c = 0;
                while (i < end && ((c = buffer[i]) > '\r' || c != '\n' && c != '\r')) {
                    i++;
                }
                length += i - start;
                if (length > limit) {
                    throw new LineTooLongException(line, limit);
                }
                if (i == end) {
                    afterCr &= i == start;
                    break;
                }
                if (c == '\r' || !afterCr || i > start) {
                    line++;
                }
                afterCr = c == '\r';
                length = 0;
                i++;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            char[] buffer = new char[(int) Math.min(n, 8192)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void mark(int readAheadLimit) throws IOException {
            throw new IOException("mark() not supported");
        }

        @Override
        public void reset() throws IOException {
            throw new IOException("reset() not supported");
        }
    }

    /**
     * Epoch milliseconds of a timestamp (see the class comment for what each mode accepts).
     *
     * @throws IllegalArgumentException with the reason
     */
    public static long timestamp(String text, Mode mode) {
        String t = mode == Mode.LENIENT ? text.strip() : text;
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty timestamp");
        }
        if (epochDigits(t, mode)) {
            if (t.length() > (t.charAt(0) == '-' ? 19 : 18)) {
                throw new IllegalArgumentException("epoch milliseconds '" + abbreviate(t) + "' out of range");
            }
            return Long.parseLong(t);
        }
        try {
            if (t.length() >= 19 && t.charAt(10) == ' ') {
                return LocalDateTime.parse(t, mode == Mode.STRICT ? SPACED_STRICT : SPACED_LENIENT)
                        .toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            if (mode == Mode.STRICT || hasOffset(t)) {
                return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
            }
            if (t.indexOf('T') > 0) {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("malformed timestamp '" + abbreviate(t) + "': " + (mode == Mode.STRICT
                    ? TIMESTAMP_FORMS : "use ISO-8601 (without an offset: UTC), a date, epoch milliseconds, or "
                            + "yyyy-MM-dd HH:mm:ss[.SSS] (UTC)"));
        }
    }

    /**
     * A decimal number such as {@code -1.5}, {@code 3}, {@code 2.5e-3}; never Java's extras
     * ({@code 1d}, {@code 0x1p3}). In {@link Mode#LENIENT} a missing value is NaN.
     *
     * @throws IllegalArgumentException with the reason
     */
    public static double value(String text, Mode mode) {
        String v = mode == Mode.LENIENT ? text.strip() : text;
        if (mode == Mode.LENIENT && MISSING.contains(v.toLowerCase(Locale.ROOT))) {
            return Double.NaN;
        }
        if (v.isEmpty()) {
            throw new IllegalArgumentException("missing value");
        }
        if (!decimal(v)) {
            String word = v.replaceFirst("^[+-]", "");
            if (word.equalsIgnoreCase("NaN")) {
                throw new IllegalArgumentException("NaN is not a value");
            }
            if (word.equalsIgnoreCase("Infinity") || word.equalsIgnoreCase("Inf")) {
                throw new IllegalArgumentException("infinite value");
            }
            throw new IllegalArgumentException("'" + abbreviate(v) + "' is not a number"
                    + (mode == Mode.LENIENT ? " (empty or NaN for a missing value)" : ""));
        }
        // Jackson's FastDoubleParser: correctly rounded like Double.parseDouble, several times faster.
        return finite(NumberInput.parseDouble(v, true));
    }

    /** Refuses NaN and infinity, including numbers too large for a double (1e400). */
    public static double finite(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("NaN is not a value");
        }
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("infinite value (or beyond ±1.8e308)");
        }
        return value;
    }

    /** Keeps a hostile or huge cell from filling a message. */
    public static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static boolean epochDigits(String t, Mode mode) {
        int start = mode == Mode.LENIENT && t.length() > 1 && t.charAt(0) == '-' ? 1 : 0;
        for (int i = start; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasOffset(String t) {
        return t.endsWith("Z") || t.endsWith("z") || t.matches(".*T.*[+-]\\d\\d(:?\\d\\d)?$");
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
}
