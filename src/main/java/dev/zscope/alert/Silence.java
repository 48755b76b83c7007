package dev.zscope.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Mutes the alerts it matches between {@code startsAt} and {@code endsAt}: they are kept and shown
 * (flagged silenced) but not sent. Alertmanager's v2 silence, so the API takes the same body.
 *
 * @param id        a UUID
 * @param matchers  all must match (on {@code stream} or {@code alertname})
 * @param createdBy who made it
 * @param comment   why
 */
public record Silence(String id, List<SilenceMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
                      String comment, Instant updatedAt) {

    /** How many silences can be active or pending at once. */
    public static final int MAX_ACTIVE = 1000;

    public Silence {
        Objects.requireNonNull(id, "id");
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        createdBy = createdBy == null ? "" : createdBy;
        comment = comment == null ? "" : comment;
    }

    /** Alertmanager's states: pending before it starts, active, expired after it ends. */
    public enum Status { PENDING, ACTIVE, EXPIRED;
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Status status(Instant now) {
        if (!now.isBefore(endsAt)) {
            return Status.EXPIRED;
        }
        return now.isBefore(startsAt) ? Status.PENDING : Status.ACTIVE;
    }

    /** Whether it mutes an alert of {@code kind} on {@code stream} at {@code now}. */
    public boolean mutes(String stream, AlertKind kind, Instant now) {
        if (status(now) != Status.ACTIVE) {
            return false;
        }
        for (SilenceMatcher m : matchers) {
            if (!m.matches(stream, kind)) {
                return false;
            }
        }
        return true;
    }

    /** The matchers in words: {@code stream=~"cpu-*"}. */
    public String describe() {
        return String.join(", ", matchers.stream().map(SilenceMatcher::describe).toList());
    }
}
