package dev.zscope.anomaly;

import dev.zscope.engine.Anomaly;

import dev.zscope.anomaly.AnomalyQuery.Direction;
import dev.zscope.anomaly.AnomalyQuery.SortField;
import dev.zscope.anomaly.ui.AnomalyGrid;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.ArrayList;
import java.util.Random;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures the grid's queries on a large anomaly table; a scratch run, not a unit test.
 *
 * <p>Fills the H2 database in {@code dir} (default {@code target/storeload}) up to {@code rows}
 * anomalies (default 10,000,000; 1,000 streams over one year, see {@link #fill}), then times, for every filter and
 * sort, the grid's calls: the count, the first page, a jump to the deepest page the grid lists
 * ({@link AnomalyGrid#LISTED_ROWS}, or the middle of a smaller result), and the page after that one,
 * which the table reads by seeking past the jump's last row, as when the user scrolls.
 * Each query runs twice and the faster run is reported (the first warms the page cache), once if
 * it took over a second; a query is cut off after {@value #TIMEOUT_SECONDS} s. H2's
 * reuse of an unchanged query's last result is switched off, as the live table keeps changing. Re-running reuses the filled database.
 *
 * <pre>
 * ./mvnw -o -q test-compile
 * java -cp target/classes:target/test-classes:$(./mvnw -o -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout) \
 *     dev.zscope.anomaly.StoreLoad target/storeload 10000000
 * </pre>
 * With {@code --import dir rows} it times instead the import of a CSV-only log of {@code rows}
 * anomalies into an empty database in {@code dir} (the upgrade from the CSV-only version).
 */
public final class StoreLoad {

    private static final int PAGE = 50;
    private static final int RUNS = 2;
    private static final int TIMEOUT_SECONDS = 10;
    private static final int STREAMS = 1_000;
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final long YEAR_MILLIS = 365L * 24 * 3600 * 1000;

    private StoreLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--import")) {
            importLog(Path.of(args[1]), Integer.parseInt(args[2]));
            return;
        }
        Path dir = Path.of(args.length > 0 ? args[0] : "target/storeload");
        long target = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        // H2 would answer a repeated query from its last result while the table is unchanged; a live
        // table changes all the time, so every run here must really execute.
        try (TestDatabase db = TestDatabase.h2(dir, ";OPTIMIZE_REUSE_RESULTS=FALSE")) {
            JdbcTemplate timed = db.jdbc();
            timed.setQueryTimeout(TIMEOUT_SECONDS);
            AnomalyTable table = new AnomalyTable(timed);
            fill(db, db.rows(), target);
            Instant end = START.plusMillis(YEAR_MILLIS);
            List<AnomalyQuery> filters = List.of(
                    AnomalyQuery.all(),
                    AnomalyQuery.all().withStream("stream-17"),
                    AnomalyQuery.all().withTimeRange(end.minusSeconds(86_400), null),
                    AnomalyQuery.all().withTimeRange(START.plusSeconds(86_400L * 100), START.plusSeconds(86_400L * 130)),
                    AnomalyQuery.all().withMinScore(6.0),
                    AnomalyQuery.all().withStream("stream-17").withMinScore(6.0)
                            .withTimeRange(START.plusSeconds(86_400L * 100), null));
            System.out.printf("%-60s %-16s %10s %9s %9s %9s %9s%n", "filter", "sort", "matches", "count ms",
                    "page1 ms", "jump ms", "next ms");
            for (AnomalyQuery filter : filters) {
                for (SortField field : SortField.values()) {
                    for (Direction direction : Direction.values()) {
                        measure(table, filter.sortedBy(field, direction));
                    }
                }
            }
        }
    }

    /**
     * The upgrade from the CSV-only version: writes {@code rows} anomalies to a log in the empty
     * directory {@code dir}, then times the first start of the service, which imports them all.
     */
    private static void importLog(Path dir, int rows) throws Exception {
        try (AnomalyLog log = AnomalyLog.open(dir).log()) {
            log.append(TestAnomalies.someAnomalies(rows));
        }
        try (TestDatabase db = TestDatabase.h2(dir)) {
            long start = System.nanoTime();
            AnomalyService service = db.service(dir);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("imported %,d rows from the log in %.1f s (%.0f rows/s)%n", db.rows(), seconds,
                    db.rows() / seconds);
            service.close();
        }
    }

    private static void measure(AnomalyTable table, AnomalyQuery query) {
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        long[] matches = {0};
        for (int run = 0; run < RUNS; run++) {
            best[0] = Math.min(best[0], time(() -> matches[0] = table.count(query)));
            best[1] = Math.min(best[1], time(() -> table.find(query, 0, PAGE)));
            // the deepest row the grid lists, or the middle of a smaller result: a jump there
            // counts past every row before it; the page after it seeks past the jump's last row
            int offset = (int) Math.max(0, Math.min(AnomalyGrid.LISTED_ROWS - 2 * PAGE, matches[0] / 2));
            best[2] = Math.min(best[2], time(() -> table.find(query, offset, PAGE)));
            best[3] = Math.min(best[3], time(() -> table.find(query, offset + PAGE, PAGE)));
            if (Arrays.stream(best).anyMatch(nanos -> nanos > 1_000_000_000L)) {
                break; // a second run of a query this slow tells nothing new
            }
        }
        String filter = "stream=" + query.stream() + " from=" + query.from() + " to=" + query.to()
                + " minScore=" + query.minScore();
        System.out.printf("%-60s %-16s %10d %9s %9s %9s %9s%n", filter.replace("T00:00:00Z", ""),
                query.sortField() + " " + (query.direction() == Direction.ASCENDING ? "asc" : "desc"),
                matches[0], millis(best[0]), millis(best[1]), millis(best[2]), millis(best[3]));
    }

    /** Nanoseconds the call took, or {@link Long#MAX_VALUE} when it hit the query timeout. */
    private static long time(Runnable call) {
        long start = System.nanoTime();
        try {
            call.run();
        } catch (DataAccessException timedOut) {
            return Long.MAX_VALUE;
        }
        return System.nanoTime() - start;
    }

    private static String millis(long nanos) {
        return nanos == Long.MAX_VALUE ? ">" + TIMEOUT_SECONDS * 1000 : String.format("%.1f", nanos / 1e6);
    }

    /**
     * Batch-inserts rows through {@link AnomalyTable#insert}, 10,000 a transaction, with the indexes
     * dropped and rebuilt afterwards: keeping four indexes up to date in random order ran at only a
     * few thousand rows a second on a busy 2-core machine, hours for ten million. Times are evenly
     * spaced over one year; streams, values and z are random, about one in ten thousand z infinite.
     */
    private static void fill(TestDatabase db, long have, long target) {
        if (have >= target) {
            return;
        }
        JdbcTemplate jdbc = db.jdbc();
        long start = System.nanoTime();
        List<String> indexes = List.of("anomaly_time ON anomaly (observed_at, id)",
                "anomaly_stream_time ON anomaly (stream, observed_at, id)",
                "anomaly_score ON anomaly (score, id)", "anomaly_value ON anomaly (point_value, id)");
        indexes.forEach(index -> jdbc.execute("DROP INDEX IF EXISTS " + index.substring(0, index.indexOf(' '))));
        AnomalyTable table = new AnomalyTable(jdbc);
        Random random = new Random(have);
        long stepMillis = YEAR_MILLIS / target;
        List<Anomaly> batch = new ArrayList<>(10_000);
        Long mark = table.loggedBytes(); // rows of the database only: the log's mark stays where it is
        long logEnd = mark == null ? AnomalyLog.headerEnd() : mark;
        for (long i = have; i < target; i++) {
            double z = random.nextInt(10_000) == 0 ? Double.POSITIVE_INFINITY
                    : (random.nextBoolean() ? 1 : -1) * (3 + random.nextExponential() * 1.5);
            double mean = random.nextGaussian() * 100;
            double std = 1 + random.nextDouble() * 10;
            batch.add(TestAnomalies.zscore(START.plusMillis(i * stepMillis),
                    "stream-" + random.nextInt(STREAMS), mean + z * std, mean, std, z, 3.0, 100, "zscore"));
            if (batch.size() == 10_000 || i == target - 1) {
                table.insert(batch, logEnd);
                batch.clear();
                if ((i + 1) % 1_000_000 == 0) {
                    System.out.printf("inserted %,d rows, %.0f s%n", i + 1, (System.nanoTime() - start) / 1e9);
                }
            }
        }
        for (String index : indexes) {
            jdbc.execute("CREATE INDEX " + index);
            System.out.printf("indexed %s, %.0f s%n", index, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf("filled %,d rows in %.0f s%n", target - have, (System.nanoTime() - start) / 1e9);
    }
}
