package dev.zscope.anomaly;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Sorts a query's matches fast enough for a grid over a million anomalies.
 *
 * <p>A plain comparator sort of a million records takes about a second, mostly waiting on memory
 * for the records it compares, and a live grid may ask again after every new anomaly. So each row's
 * sort key is first squeezed into a {@code long}, together with the row's position, and the longs
 * are sorted as primitives. Keys that lost precision in the squeeze only tie, and ties keep their
 * position, so the result is almost sorted; a final stable sort with the exact comparator then
 * finishes in about linear time. Correctness rests on that final sort alone, the keys only make it
 * fast; the result is exactly a stable sort of {@code rows} by {@link AnomalyQuery#comparator()}.
 */
final class QuerySort {

    private QuerySort() {
    }

    /** {@code rows} stably sorted by the query's order, as a new list. */
    static List<Anomaly> sort(List<Anomaly> rows, AnomalyQuery query) {
        int n = rows.size();
        Anomaly[] sorted = rows.toArray(new Anomaly[0]);
        if (n > 1) {
            int positionBits = 64 - Long.numberOfLeadingZeros(n - 1);
            long positionMask = (1L << positionBits) - 1;
            ToLongFunction<Anomaly> key = key(query.sortField(), rows);
            boolean descending = query.direction() == AnomalyQuery.Direction.DESCENDING;
            long[] packed = new long[n];
            for (int i = 0; i < n; i++) {
                long k = key.applyAsLong(sorted[i]);
                packed[i] = ((descending ? ~k : k) >> positionBits << positionBits) | i;
            }
            Arrays.sort(packed);
            for (int i = 0; i < n; i++) {
                sorted[i] = rows.get((int) (packed[i] & positionMask));
            }
            Arrays.sort(sorted, query.comparator());
        }
        return Arrays.asList(sorted);
    }

    /** A key that never orders two rows against the exact comparator, though it may tie them. */
    private static ToLongFunction<Anomaly> key(AnomalyQuery.SortField field, List<Anomaly> rows) {
        return switch (field) {
            case TIME -> a -> Math.clamp(a.time().getEpochSecond(), -(1L << 33), (1L << 33) - 1) << 30
                    | a.time().getNano();
            case VALUE -> a -> sortable(a.value());
            case Z_ABS -> a -> sortable(a.absZ());
            case STREAM -> {
                Map<String, Long> ranks = new HashMap<>();
                rows.forEach(a -> ranks.put(a.stream(), 0L));
                String[] names = ranks.keySet().toArray(new String[0]);
                Arrays.sort(names);
                for (int i = 0; i < names.length; i++) {
                    ranks.put(names[i], (long) i);
                }
                yield a -> ranks.get(a.stream());
            }
        };
    }

    /** A long that orders like {@link Double#compare} orders doubles (-0.0 before 0.0, NaN last). */
    static long sortable(double d) {
        long bits = Double.doubleToLongBits(d);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }
}
