package dev.zscope.alert;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A recurring weekly interval during which matching alerts are silenced, e.g. backups every
 * Sunday 02:00–04:00. Times are wall-clock times in {@code zone}, so the window follows daylight
 * saving; an end before the start runs past midnight into the next day.
 *
 * @param id      its number
 * @param name    what it is for
 * @param streams the streams it silences: a name, or a glob ({@code *} for all)
 * @param days    the days it starts on
 */
public record MaintenanceWindow(long id, String name, String streams, Set<DayOfWeek> days, LocalTime start,
                                LocalTime end, ZoneId zone, String createdBy) {

    public MaintenanceWindow {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("give the window a name of 1 to 100 characters");
        }
        if (streams == null || streams.isBlank() || streams.length() > SilenceMatcher.MAX_VALUE) {
            throw new IllegalArgumentException("say which streams: a name or a glob such as db-* (* for all)");
        }
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("choose at least one day");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            throw new IllegalArgumentException("the window must end at another time than it starts");
        }
        Objects.requireNonNull(zone, "zone");
        createdBy = createdBy == null ? "" : createdBy;
    }

    /** Whether it is open at {@code now} for {@code stream}. */
    public boolean mutes(String stream, Instant now) {
        String s = streams.strip();
        boolean matches = SilenceMatcher.isGlob(s) ? Globs.matches(s, stream) : s.equals(stream);
        return matches && openAt(now);
    }

    /** Whether it is open at {@code now}, whatever the stream. */
    public boolean openAt(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (start.isBefore(end)) {
            return days.contains(day) && !t.isBefore(start) && t.isBefore(end);
        }
        return (days.contains(day) && !t.isBefore(start)) || (days.contains(day.minus(1)) && t.isBefore(end));
    }

    /** "Sun 02:00–04:00 Europe/Berlin". */
    public String describe() {
        String d = days.stream().sorted().map(x -> x.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                .collect(Collectors.joining(","));
        return d + " " + start + "–" + end + " " + zone.getId();
    }
}
