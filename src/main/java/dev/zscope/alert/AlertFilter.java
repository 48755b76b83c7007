package dev.zscope.alert;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which alerts a list shows: a stream (exact name, or null for all) and states (empty for all).
 * Newest first.
 */
public record AlertFilter(String stream, Set<AlertState> states) {

    public AlertFilter {
        stream = stream == null || stream.isBlank() ? null : stream.strip();
        states = states == null || states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
    }

    public static AlertFilter all() {
        return new AlertFilter(null, Set.of());
    }

    /** Pending, firing and nodata alerts. */
    public static AlertFilter open() {
        return new AlertFilter(null, EnumSet.of(AlertState.PENDING, AlertState.FIRING, AlertState.NODATA));
    }

    public AlertFilter withStream(String name) {
        return new AlertFilter(name, states);
    }

    public AlertFilter withStates(Set<AlertState> wanted) {
        return new AlertFilter(stream, wanted);
    }

    public boolean matches(Alert a) {
        return (stream == null || stream.equals(a.stream())) && (states.isEmpty() || states.contains(a.state()));
    }
}
