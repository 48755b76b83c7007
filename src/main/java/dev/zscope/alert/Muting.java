package dev.zscope.alert;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a stream's alert is silenced now, by a silence or a maintenance window. The
 * evaluator asks for every open alert at every tick, so answers are cached until the silences or
 * windows change or the clock passes a moment where one starts or ends (windows: each minute).
 */
final class Muting implements AlertBook.Mutes {

    private static final long MINUTE = 60_000;

    private volatile List<Silence> silences = List.of();
    private volatile List<MaintenanceWindow> windows = List.of();
    private volatile long version;
    private final Map<String, String> cache = new HashMap<>();
    private long cachedVersion = -1;
    private long validUntil = Long.MIN_VALUE;
    private long validFrom = Long.MAX_VALUE;

    void silences(List<Silence> current) {
        silences = List.copyOf(current);
        version++;
    }

    void windows(List<MaintenanceWindow> current) {
        windows = List.copyOf(current);
        version++;
    }

    /** Called on the evaluator's thread only. */
    @Override
    public String silencedBy(String stream, AlertKind kind, long now) {
        if (cachedVersion != version || now >= validUntil || now < validFrom) {
            cache.clear();
            cachedVersion = version;
            validFrom = now;
            validUntil = nextBoundary(now);
        }
        return cache.computeIfAbsent(kind.ordinal() + stream, k -> compute(stream, kind, now));
    }

    private String compute(String stream, AlertKind kind, long now) {
        Instant at = Instant.ofEpochMilli(now);
        for (Silence s : silences) {
            if (s.mutes(stream, kind, at)) {
                return "silence " + s.id().substring(0, Math.min(8, s.id().length()))
                        + (s.createdBy().isEmpty() ? "" : " by " + s.createdBy());
            }
        }
        for (MaintenanceWindow w : windows) {
            if (w.mutes(stream, at)) {
                return "maintenance window '" + w.name() + "'";
            }
        }
        return null;
    }

    /** The next moment an answer may change: a silence's start or end, or (with windows) the next minute. */
    private long nextBoundary(long now) {
        long next = windows.isEmpty() ? Long.MAX_VALUE : (now / MINUTE + 1) * MINUTE;
        for (Silence s : silences) {
            for (Instant t : new Instant[] {s.startsAt(), s.endsAt()}) {
                long m = t.toEpochMilli();
                if (m > now && m < next) {
                    next = m;
                }
            }
        }
        return next;
    }

    /** Names of what mutes {@code stream} now, for the UI and the API (fresh, not cached). */
    String describe(String stream, AlertKind kind, long now) {
        return compute(stream, kind, now);
    }
}
