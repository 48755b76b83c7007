package dev.zscope.backtest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The timestamp forms Zscope reads: ISO-8601 with an offset or Z, epoch milliseconds, or
 * {@code yyyy-MM-dd HH:mm:ss} (the form NAB uses) read as UTC.
 */
public final class Timestamps {

    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Timestamps() {
    }

    /** Epoch milliseconds, or throws IllegalArgumentException saying what was expected. */
    public static long parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("missing timestamp");
        }
        if (t.chars().allMatch(Character::isDigit) && t.length() <= 15) {
            return Long.parseLong(t);
        }
        try {
            if (t.length() == 19 && t.charAt(10) == ' ') {
                return LocalDateTime.parse(t, SPACED).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            if (t.endsWith("Z")) {
                return Instant.parse(t).toEpochMilli();
            }
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("malformed timestamp '" + abbreviate(t)
                    + "': use ISO-8601, epoch milliseconds or yyyy-MM-dd HH:mm:ss");
        }
    }

    private static String abbreviate(String t) {
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }
}
