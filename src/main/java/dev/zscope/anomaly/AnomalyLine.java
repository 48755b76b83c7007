package dev.zscope.anomaly;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Formats one {@link Anomaly} as a line of {@code anomalies.csv} into a reused buffer: the same
 * text Commons CSV writes for it through {@link AnomalyCsv#print} (an equivalence test keeps the
 * two together), at about a third of the cost, because the log appends on the engine's thread.
 *
 * <p>Numbers go straight into the buffer ({@link StringBuilder#append(double)} writes what
 * {@link Double#toString(double)} would, without the string); the time is formatted by hand for
 * years 1970 to 9999 exactly as {@link Instant#toString()} does, and by it otherwise; a text
 * field is quoted only when it holds a comma, a quote or a line break, or starts with a character
 * at or below {@code #} (what Commons CSV's minimal quoting quotes), with quotes doubled.
 * Not thread-safe: one per log, used under its lock.
 */
final class AnomalyLine {

    private static final long YEAR_10000 = 253_402_300_800L; // 10000-01-01T00:00:00Z in epoch seconds

    private final StringBuilder line = new StringBuilder(256);
    private char[] chars = new char[256];

    /** Writes the anomaly's record to {@code out} without allocating (but for an unusual time). */
    void write(Anomaly a, Writer out) throws IOException {
        format(a);
        int length = line.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, 2 * chars.length)];
        }
        line.getChars(0, length, chars, 0);
        out.write(chars, 0, length);
    }

    /** The anomaly's record, ending in {@code \n}; valid until the next call. */
    CharSequence format(Anomaly a) {
        line.setLength(0);
        time(a.time());
        line.append(',');
        text(a.stream());
        line.append(',').append(a.value())
                .append(',').append(a.score())
                .append(',').append(a.expected())
                .append(',').append(a.lower())
                .append(',').append(a.upper())
                .append(',').append(a.std())
                .append(',').append(a.z())
                .append(',').append(a.threshold())
                .append(',').append(a.window())
                .append(',');
        text(a.detector());
        return line.append('\n');
    }

    private void time(Instant time) {
        long seconds = time.getEpochSecond();
        if (seconds < 0 || seconds >= YEAR_10000) {
            line.append(time);
            return;
        }
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = LocalDate.ofEpochDay(days);
        pad(date.getYear(), 4).append('-');
        pad(date.getMonthValue(), 2).append('-');
        pad(date.getDayOfMonth(), 2).append('T');
        pad(secondOfDay / 3_600, 2).append(':');
        pad(secondOfDay / 60 % 60, 2).append(':');
        pad(secondOfDay % 60, 2);
        int nanos = time.getNano();
        if (nanos > 0) {
            line.append('.');
            if (nanos % 1_000_000 == 0) {
                pad(nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                pad(nanos / 1_000, 6);
            } else {
                pad(nanos, 9);
            }
        }
        line.append('Z');
    }

    private StringBuilder pad(int number, int digits) {
        for (int limit = 10, i = 1; i < digits; i++, limit *= 10) {
            if (number < limit) {
                line.append('0');
            }
        }
        return line.append(number);
    }

    private void text(String text) {
        if (!needsQuotes(text)) {
            line.append(text);
            return;
        }
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                line.append('"');
            }
            line.append(c);
        }
        line.append('"');
    }

    private static boolean needsQuotes(String text) {
        if (text.isEmpty()) {
            return false;
        }
        if (text.charAt(0) <= '#' || text.charAt(text.length() - 1) <= ' ') {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
