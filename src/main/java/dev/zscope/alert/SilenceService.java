package dev.zscope.alert;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Silences and maintenance windows: silenced alerts are kept and shown, never sent. Creating and
 * ending them takes an OPERATOR (or ADMIN) in the UI, or an API token with the write scope.
 */
@Service
public class SilenceService {

    private static final Logger log = LoggerFactory.getLogger(SilenceService.class);
    /** The longest a silence may last. */
    public static final Duration MAX_LENGTH = Duration.ofDays(366);
    /** Maintenance windows at most. */
    public static final int MAX_WINDOWS = 200;

    private final AlertRuntime runtime;

    SilenceService(AlertRuntime runtime) {
        this.runtime = runtime;
    }

    /** Silences that have not ended, and those that ended within the last day, newest first (at most 1,000). */
    public List<Silence> silences() {
        return runtime.silences.silences(now().minus(Duration.ofDays(1)), Silence.MAX_ACTIVE);
    }

    public Optional<Silence> silence(String id) {
        return runtime.silences.silence(id);
    }

    /**
     * Creates a silence, or with the id of an existing one replaces it (Alertmanager's way to edit
     * one). {@code createdBy} blank: the caller's name.
     *
     * @throws IllegalArgumentException for an invalid silence, with what is wrong
     */
    @PreAuthorize("hasRole('OPERATOR') or hasAuthority('SCOPE_write')")
    public Silence silence(String id, List<SilenceMatcher> matchers, Instant startsAt, Instant endsAt,
                           String createdBy, String comment) {
        if (matchers == null || matchers.isEmpty() || matchers.size() > 20) {
            throw new IllegalArgumentException("a silence needs 1 to 20 matchers");
        }
        if (startsAt == null || endsAt == null || !endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("a silence must end after it starts");
        }
        Instant now = now();
        if (!endsAt.isAfter(now)) {
            throw new IllegalArgumentException("a silence must end in the future");
        }
        if (Duration.between(startsAt.isBefore(now) ? now : startsAt, endsAt).compareTo(MAX_LENGTH) > 0) {
            throw new IllegalArgumentException("a silence lasts at most 366 days");
        }
        String note = comment == null ? "" : comment.strip();
        if (note.length() > 1000) {
            throw new IllegalArgumentException("a comment has at most 1,000 characters");
        }
        String by = createdBy == null || createdBy.isBlank() ? Actor.name() : createdBy.strip();
        if (by.length() > 100) {
            throw new IllegalArgumentException("createdBy has at most 100 characters");
        }
        if (id != null && !id.isBlank() && runtime.silences.silence(id.strip()).isEmpty()) {
            throw new java.util.NoSuchElementException("there is no silence " + id.strip());
        }
        if ((id == null || id.isBlank()) && runtime.silences.silences(now, Silence.MAX_ACTIVE + 1).size()
                >= Silence.MAX_ACTIVE) {
            throw new IllegalArgumentException("there are already " + Silence.MAX_ACTIVE + " silences; end some first");
        }
        Silence s = new Silence(id == null || id.isBlank() ? UUID.randomUUID().toString() : id.strip(), matchers,
                startsAt, endsAt, by, note, now);
        runtime.silences.save(s);
        changed();
        log.info("Silence {} ({}) by {} from {} to {}", s.id(), s.describe(), by, startsAt, endsAt);
        return s;
    }

    /** Silences the stream of an alert from now for {@code length}. */
    @PreAuthorize("hasRole('OPERATOR')")
    public Silence silenceStream(String stream, Duration length, String comment) {
        Instant now = now();
        return silence(null, List.of(SilenceMatcher.stream(stream)), now, now.plus(length), null, comment);
    }

    /** Ends a silence now (it stays listed as expired for a day). */
    @PreAuthorize("hasRole('OPERATOR') or hasAuthority('SCOPE_write')")
    public void expire(String id) {
        Silence s = runtime.silences.silence(id).orElseThrow(() -> new java.util.NoSuchElementException(
                "there is no silence " + id));
        Instant now = now();
        if (s.status(now) == Silence.Status.EXPIRED) {
            return;
        }
        runtime.silences.save(new Silence(s.id(), s.matchers(), s.startsAt().isAfter(now) ? now : s.startsAt(), now,
                s.createdBy(), s.comment(), now));
        changed();
        log.info("Silence {} ended by {}", id, Actor.name());
    }

    public List<MaintenanceWindow> windows() {
        return runtime.silences.windows();
    }

    /** The zone of windows that name none: {@code zscope.alerts.time-zone}, else the server's. */
    public ZoneId defaultZone() {
        return runtime.properties.timeZone();
    }

    @PreAuthorize("hasRole('OPERATOR')")
    public MaintenanceWindow addWindow(String name, String streams, Set<DayOfWeek> days, LocalTime start,
                                       LocalTime end, ZoneId zone) {
        MaintenanceWindow w = new MaintenanceWindow(0, name == null ? null : name.strip(),
                streams == null ? null : streams.strip(), days, start, end, zone == null ? defaultZone() : zone,
                Actor.name());
        if (runtime.silences.windowCount() >= MAX_WINDOWS) {
            throw new IllegalArgumentException("there are already " + MAX_WINDOWS + " maintenance windows");
        }
        runtime.silences.add(w);
        changed();
        log.info("Maintenance window '{}' ({} for {}) added by {}", w.name(), w.describe(), w.streams(), w.createdBy());
        return w;
    }

    @PreAuthorize("hasRole('OPERATOR')")
    public void deleteWindow(long id) {
        if (runtime.silences.deleteWindow(id)) {
            changed();
            log.info("Maintenance window {} removed by {}", id, Actor.name());
        }
    }

    /** What silences a stream's anomaly alert now, or null. */
    public String silencedBy(String stream) {
        return runtime.muting.describe(stream, AlertKind.ANOMALY, runtime.evaluator.now());
    }

    private void changed() {
        runtime.refreshMuting();
        runtime.evaluator.command(() -> {
            runtime.evaluator.book().tick(runtime.evaluator.now());
            return null;
        });
    }

    private Instant now() {
        return Instant.ofEpochMilli(runtime.evaluator.now());
    }
}
