package dev.zscope.base;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads the timestamps replay accepts: epoch milliseconds, ISO-8601 with or without an offset, and
 * {@code yyyy-MM-dd HH:mm:ss} (NAB's form). A time without an offset is UTC: replayed files come
 * from anywhere, and a server's own zone would make the same file replay differently elsewhere.
 */
public final class Timestamps {

    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    private Timestamps() {
    }

    /** Epoch milliseconds of {@code text}; throws IllegalArgumentException naming the text. */
    public static long parse(String text) {
        String t = text.strip();
        if (!t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-')
                && t.lastIndexOf('-') <= 0) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw unreadable(text);
            }
        }
        try {
            if (t.length() > 10 && t.charAt(10) == ' ') {
                return LocalDateTime.parse(t, SPACED).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$") && t.contains("T")) {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            }
            if (t.contains("T")) {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(t).toEpochMilli();
            } catch (DateTimeParseException again) {
                throw unreadable(text);
            }
        }
    }

    private static IllegalArgumentException unreadable(String text) {
        return new IllegalArgumentException("unreadable timestamp '" + text
                + "' (expected ISO-8601, epoch milliseconds or yyyy-MM-dd HH:mm:ss)");
    }
}
