package dev.zscope.dashboard.ui;

import com.vaadin.flow.router.QueryParameters;
import dev.zscope.base.PointText;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the dashboard's chart shows: the last 15 minutes, hour, day or week, following new points
 * (live), or a fixed range. It is also the dashboard's address, so a view can be shared:
 * {@code /?stream=cpu&range=1h}, or {@code /?stream=cpu&from=2026-12-07T10:00:00Z&to=2026-12-07T11:00:00Z},
 * with {@code &at=<ISO>} for a highlighted moment (a clicked anomaly).
 *
 * @param preset the relative range, or null for a fixed one
 * @param from   a fixed range's start (epoch ms); unused for a preset
 * @param to     a fixed range's end (epoch ms); unused for a preset
 */
public record TimeRange(Preset preset, long from, long to) {

    /** The relative ranges, with the {@code range=} key each has in the address. */
    public enum Preset {
        LAST_15_MIN("15m", "15 min", Duration.ofMinutes(15)),
        LAST_HOUR("1h", "1 h", Duration.ofHours(1)),
        LAST_DAY("24h", "24 h", Duration.ofHours(24)),
        LAST_WEEK("7d", "7 d", Duration.ofDays(7));

        final String key;
        final String label;
        final long millis;

        Preset(String key, String label, Duration width) {
            this.key = key;
            this.label = label;
            this.millis = width.toMillis();
        }

        static Optional<Preset> of(String key) {
            for (Preset p : values()) {
                if (p.key.equals(key)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    /** The range a dashboard opens with. */
    public static final TimeRange DEFAULT = last(Preset.LAST_15_MIN);
    /** The width of the range around a moment opened from an anomaly. */
    static final long MOMENT_WIDTH = Duration.ofMinutes(15).toMillis();
    /** The narrowest range the chart zooms to: finer than one point per pixel helps nobody. */
    static final long MIN_WIDTH = 1_000;

    public static TimeRange last(Preset preset) {
        return new TimeRange(preset, 0, 0);
    }

    public static TimeRange between(long from, long to) {
        long end = Math.max(to, from + MIN_WIDTH);
        return new TimeRange(null, from, end);
    }

    /** The fixed range of {@link #MOMENT_WIDTH} centred on {@code epochMillis}. */
    public static TimeRange around(long epochMillis) {
        return between(epochMillis - MOMENT_WIDTH / 2, epochMillis + MOMENT_WIDTH / 2);
    }

    /** Whether the chart follows new points. */
    public boolean live() {
        return preset != null;
    }

    public long start(long nowMillis) {
        return preset != null ? nowMillis - preset.millis : from;
    }

    public long end(long nowMillis) {
        return preset != null ? nowMillis : to;
    }

    /** The same width, moved by {@code share} of it (negative: earlier); a fixed range. */
    TimeRange shifted(long nowMillis, double share) {
        long width = end(nowMillis) - start(nowMillis);
        long by = Math.round(width * share);
        return between(start(nowMillis) + by, end(nowMillis) + by);
    }

    /** Twice as wide around the same middle; a fixed range. */
    TimeRange zoomedOut(long nowMillis) {
        long s = start(nowMillis);
        long e = end(nowMillis);
        long half = e - s;
        return between(s - half / 2, e + half / 2);
    }

    /** The dashboard's address for this range on {@code stream}, with a highlighted moment or none. */
    public QueryParameters query(String stream, Long highlight) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (stream != null) {
            q.put("stream", List.of(stream));
        }
        if (preset != null) {
            q.put("range", List.of(preset.key));
        } else {
            q.put("from", List.of(Instant.ofEpochMilli(from).toString()));
            q.put("to", List.of(Instant.ofEpochMilli(to).toString()));
        }
        if (highlight != null) {
            q.put("at", List.of(Instant.ofEpochMilli(highlight).toString()));
        }
        return new QueryParameters(q);
    }

    /** The address of the moment {@code epochMillis} on {@code stream}: the range around it, highlighted. */
    public static QueryParameters moment(String stream, long epochMillis) {
        return around(epochMillis).query(stream, epochMillis);
    }

    /**
     * The range an address names: {@code range=15m|1h|24h|7d}, or {@code from} and {@code to} (ISO-8601
     * with an offset, or epoch ms); none: empty.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static Optional<TimeRange> parse(QueryParameters q) {
        Optional<String> range = q.getSingleParameter("range");
        Optional<String> from = q.getSingleParameter("from");
        Optional<String> to = q.getSingleParameter("to");
        if (range.isPresent()) {
            return Optional.of(Preset.of(range.get()).map(TimeRange::last).orElseThrow(() ->
                    new IllegalArgumentException("unknown range '" + PointText.abbreviate(range.get())
                            + "': use 15m, 1h, 24h or 7d")));
        }
        if (from.isEmpty() && to.isEmpty()) {
            return Optional.empty();
        }
        if (from.isEmpty() || to.isEmpty()) {
            throw new IllegalArgumentException("give both 'from' and 'to'");
        }
        long f = time("from", from.get());
        long t = time("to", to.get());
        if (f >= t) {
            throw new IllegalArgumentException("'from' must be before 'to'");
        }
        return Optional.of(between(f, t));
    }

    /** The highlighted moment an address names ({@code at}), if any. */
    static Optional<Long> highlight(QueryParameters q) {
        return q.getSingleParameter("at").map(at -> time("at", at));
    }

    private static long time(String name, String text) {
        try {
            return PointText.timestamp(text.replace(' ', '+'), PointText.Mode.STRICT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "': " + e.getMessage(), e);
        }
    }
}
