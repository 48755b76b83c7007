package dev.zscope.anomaly;

import dev.zscope.engine.Anomaly;

import java.time.Instant;
import java.util.Comparator;

/**
 * What the anomaly grid asks for: which anomalies, in which order. Every filter is optional
 * ({@code null} means "any"), so {@link #all()} plus a few withers covers every combination the grid
 * offers. {@link AnomalySql} turns it into SQL; {@link #matches} and {@link #comparator()} state the
 * same rules in Java (the database breaks ties by recording order).
 *
 * @param stream    only this stream (exact, case-sensitive name), or {@code null} for all
 * @param from      only anomalies at or after this instant (inclusive), or {@code null}
 * @param to        only anomalies before this instant (exclusive), or {@code null}; a range with
 *                  {@code to <= from} is simply empty
 * @param minScore    only anomalies whose raw score is at or above this, or {@code null}; not NaN
 * @param minSeverity only anomalies whose calibrated severity is at or above this, or {@code null};
 *                    in [0, 1] (anomalies recorded before severities were, whose severity is
 *                    unknown, never match)
 * @param sortField the order; {@code null} means {@link SortField#TIME}
 * @param direction {@code null} means {@link Direction#DESCENDING}, so the default is newest first
 */
public record AnomalyQuery(String stream, Instant from, Instant to, Double minScore, Double minSeverity,
                           SortField sortField, Direction direction) {

    /** The columns the grid can sort on. */
    public enum SortField { TIME, VALUE, SCORE, SEVERITY, STREAM }

    public enum Direction { ASCENDING, DESCENDING }

    private static final AnomalyQuery ALL = new AnomalyQuery(null, null, null, null, null, null, null);

    public AnomalyQuery {
        if (minScore != null && minScore.isNaN()) {
            throw new IllegalArgumentException("minScore must not be NaN");
        }
        if (minSeverity != null && !(minSeverity >= 0 && minSeverity <= 1)) {
            throw new IllegalArgumentException("minSeverity must be in [0, 1], got " + minSeverity);
        }
        sortField = sortField == null ? SortField.TIME : sortField;
        direction = direction == null ? Direction.DESCENDING : direction;
    }

    /** Every anomaly, newest first. */
    public static AnomalyQuery all() {
        return ALL;
    }

    public AnomalyQuery withStream(String stream) {
        return new AnomalyQuery(stream, from, to, minScore, minSeverity, sortField, direction);
    }

    /** Inclusive {@code from}, exclusive {@code to}; either may be {@code null}. */
    public AnomalyQuery withTimeRange(Instant from, Instant to) {
        return new AnomalyQuery(stream, from, to, minScore, minSeverity, sortField, direction);
    }

    public AnomalyQuery withMinScore(Double minScore) {
        return new AnomalyQuery(stream, from, to, minScore, minSeverity, sortField, direction);
    }

    public AnomalyQuery withMinSeverity(Double minSeverity) {
        return new AnomalyQuery(stream, from, to, minScore, minSeverity, sortField, direction);
    }

    public AnomalyQuery sortedBy(SortField sortField, Direction direction) {
        return new AnomalyQuery(stream, from, to, minScore, minSeverity, sortField, direction);
    }

    /** Whether the anomaly passes every filter. */
    public boolean matches(Anomaly anomaly) {
        return (stream == null || stream.equals(anomaly.stream()))
                && (from == null || !anomaly.time().isBefore(from))
                && (to == null || anomaly.time().isBefore(to))
                && (minScore == null || anomaly.score() >= minScore)
                && (minSeverity == null || anomaly.severity() >= minSeverity);
    }

    /** The requested order; ties keep the order they are given in. */
    public Comparator<Anomaly> comparator() {
        Comparator<Anomaly> ascending = switch (sortField) {
            case TIME -> Comparator.comparing(Anomaly::time);
            case VALUE -> Comparator.comparingDouble(Anomaly::value);
            case SCORE -> Comparator.comparingDouble(Anomaly::score);
            case SEVERITY -> Comparator.comparingDouble(a -> Double.isNaN(a.severity()) ? -1 : a.severity());
            case STREAM -> Comparator.comparing(Anomaly::stream);
        };
        return direction == Direction.ASCENDING ? ascending : ascending.reversed();
    }
}
