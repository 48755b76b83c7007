package dev.zscope.streams.ui;

import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.StreamStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Filters, sorts and pages the engine's stream statuses for the overview. The statuses are taken
 * fresh on each page request (a copy of a few numbers per stream), so 10,000 streams cost a
 * sort per page view, not a row per stream on the wire.
 */
final class StreamsQuery {

    static final String NAME = "name";
    static final String VALUE = "value";
    static final String HOUR = "hour";
    static final String DAY = "day";
    static final String RATE = "rate";

    /** Most anomalous first: last hour, then last day, then name. */
    static final Comparator<StreamStatus> MOST_ANOMALOUS = Comparator
            .comparingInt(StreamStatus::anomaliesLastHour).reversed()
            .thenComparing(Comparator.comparingInt(StreamStatus::anomaliesLastDay).reversed())
            .thenComparing(StreamStatus::stream);

    private final DetectionEngine engine;

    StreamsQuery(DetectionEngine engine) {
        this.engine = engine;
    }

    List<StreamStatus> page(String search, List<QuerySortOrder> sort, int offset, int limit) {
        return engine.statuses().stream().filter(matches(search)).sorted(comparator(sort))
                .skip(offset).limit(limit).toList();
    }

    int count(String search) {
        return (int) engine.statuses().stream().filter(matches(search)).count();
    }

    private static java.util.function.Predicate<StreamStatus> matches(String search) {
        String needle = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        return s -> needle.isEmpty() || s.stream().toLowerCase(Locale.ROOT).contains(needle);
    }

    static Comparator<StreamStatus> comparator(List<QuerySortOrder> sort) {
        if (sort.isEmpty()) {
            return MOST_ANOMALOUS;
        }
        QuerySortOrder order = sort.getFirst();
        Comparator<StreamStatus> c = switch (order.getSorted()) {
            case VALUE -> Comparator.comparingDouble(StreamStatus::lastValue);
            case HOUR -> Comparator.comparingInt(StreamStatus::anomaliesLastHour);
            case DAY -> Comparator.comparingInt(StreamStatus::anomaliesLastDay);
            case RATE -> Comparator.comparingDouble(StreamStatus::pointsPerSecond);
            default -> Comparator.comparing(StreamStatus::stream);
        };
        c = order.getDirection() == SortDirection.DESCENDING ? c.reversed() : c;
        return c.thenComparing(StreamStatus::stream);
    }
}
