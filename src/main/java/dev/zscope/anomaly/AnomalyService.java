package dev.zscope.anomaly;

import dev.zscope.engine.Anomaly;
import dev.zscope.engine.AnomalySink;
import jakarta.annotation.PreDestroy;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Everything the rest of Zscope does with anomalies: the engine {@link #record records} them, the
 * grid {@link #find finds} and {@link #count counts} them, a download {@link #export exports} them.
 *
 * <p>The database is where anomalies are queried; {@code anomalies.csv} is the append-only,
 * human-readable record. A group of anomalies is acknowledged only once it is in both
 * ({@link GroupCommit}), and the database remembers how far the log is in it (a byte offset, moved
 * in the same transaction as the rows). So a start reads only the log's lines past that mark, the
 * ones a crash left out of the database, and start time does not grow with the log.
 */
@Service
@DependsOnDatabaseInitialization
public class AnomalyService implements AnomalySink {

    private static final Logger LOG = LoggerFactory.getLogger(AnomalyService.class);
    private static final int IMPORT_BATCH = 10_000;
    /** The most anomalies of the log's tail that {@link #recoveredAtStart} remembers. */
    static final int RECOVERED_MAX = 100_000;

    private final AnomalyTable table;
    private final AnomalyLog log;
    private final GroupCommit commit;
    private final List<Anomaly> recovered = new java.util.ArrayList<>();

    @Autowired
    public AnomalyService(AnomalyProperties properties, JdbcTemplate jdbc) throws IOException {
        this(properties, jdbc, Clock.systemUTC());
    }

    /** Opens the log, brings the database level with it, and starts the committer. */
    AnomalyService(AnomalyProperties properties, JdbcTemplate jdbc, Clock clock) throws IOException {
        this.table = new AnomalyTable(jdbc);
        AnomalyLog.Opened opened = AnomalyLog.open(properties.dataDirectory());
        this.log = opened.log();
        try {
            catchUp(opened);
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
        this.commit = new GroupCommit(log, table, properties.maxGroup(), clock);
    }

    /**
     * Imports the log's lines past the mark (those a crash kept out of the database), each batch
     * with its mark in one transaction, so an import cut short resumes where it stopped. A mark past
     * the log's end (the log lost its tail, or was replaced) is set back to the end.
     */
    private void catchUp(AnomalyLog.Opened opened) throws IOException {
        long start = System.nanoTime();
        Long mark = table.loggedBytes();
        if (opened.archive().isPresent()) {
            boolean empty = table.count(AnomalyQuery.all()) == 0;
            long carried = opened.archive().get().carryOver(log);
            mark = empty || carried == 0 ? AnomalyLog.headerEnd() : log.end(); // the database had them
        } else if (mark == null) {
            mark = LogTail.offsetAfterRows(log.file(), table.loggedRows()); // once, from a row count
        }
        long end = log.end();
        if (mark > end) {
            LOG.warn("{} ends at byte {}, before the {} the database has seen: it lost its tail or was replaced;"
                    + " counting from its end", log.file(), end, mark);
            mark = end;
        }
        table.setLoggedBytes(Math.max(mark, AnomalyLog.headerEnd()));
        importTail(log, table, Math.max(mark, AnomalyLog.headerEnd()), start, recovered);
    }

    /**
     * Imports the lines of {@code log} from {@code mark} to its end, each batch with its mark in one
     * transaction. At start, and again after the database failed: an embedded database that closed
     * itself may come back without its last commits, and then the log's lines past its mark must go
     * in before anything newer.
     */
    static void importTail(AnomalyLog log, AnomalyTable table, long mark, long startNanos) throws IOException {
        importTail(log, table, mark, startNanos, null);
    }

    private static void importTail(AnomalyLog log, AnomalyTable table, long mark, long startNanos,
                                   List<Anomaly> remember) throws IOException {
        if (mark >= log.end()) {
            return;
        }
        LogTail.Result result = LogTail.read(log.file(), mark, AnomalyCsv.COLUMNS, IMPORT_BATCH, batch -> {
            table.insert(batch.anomalies(), batch.end());
            if (remember != null && remember.size() + batch.anomalies().size() <= RECOVERED_MAX) {
                remember.addAll(batch.anomalies());
            }
        });
        LOG.info("Imported {} anomalies from the end of {} into the database in {} ms ({} unusable lines skipped)",
                result.read(), log.file(), (System.nanoTime() - startNanos) / 1_000_000, result.skipped());
    }

    /**
     * Keeps anomalies: the future completes once they are in {@code anomalies.csv} and the database,
     * or fails with a {@link StoreUnavailableException} when they could not be kept.
     */
    @Override
    public CompletableFuture<Void> record(List<Anomaly> anomalies) {
        if (anomalies.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return commit.submit(anomalies);
    }

    /**
     * {@link #record(List)} for anomalies read from elsewhere (cluster mode): {@code marks} say how
     * far each source (a topic partition) has been read once these are kept, and are moved in the
     * same transaction, so {@link #sourceMarks} after a crash says exactly where to read on. Marks are
     * kept even when there are no anomalies.
     */
    public CompletableFuture<Void> record(List<Anomaly> anomalies, Map<String, Long> marks) {
        if (anomalies.isEmpty() && marks.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return commit.submit(anomalies, Map.copyOf(marks));
    }

    /** The source marks kept with {@link #record(List, Map)}, by source. */
    public Map<String, Long> sourceMarks() {
        return table.sourceMarks();
    }

    /**
     * The anomalies this start brought into the database from the log's tail (those a crash kept
     * out of it, at most {@value #RECOVERED_MAX}): they are in the store but past every source mark,
     * so a reader of a source can tell them from new ones.
     */
    public List<Anomaly> recoveredAtStart() {
        return List.copyOf(recovered);
    }

    /** {@link #record} for one anomaly, waiting until it is kept; for tools and tests. */
    public void recordNow(Anomaly anomaly) {
        record(List.of(anomaly)).join();
    }

    /** Whether anomalies can be kept right now. */
    public StoreHealth health() {
        return commit.health();
    }

    /**
     * What waits to be kept.
     *
     * @param anomalies      anomalies queued or being committed
     * @param oldestMillis   how long the oldest of them has waited, 0 when none waits
     */
    public record Backlog(int anomalies, long oldestMillis) {
    }

    /** Anomalies waiting to be kept: how far durability is behind the engine (for the metrics). */
    public Backlog backlog() {
        return commit.backlog();
    }

    /**
     * Groups of anomalies refused since start because {@code anomalies.csv} could not be written
     * ({@code log}) or the database refused them ({@code database}).
     */
    public record WriteFailures(long log, long database) {
    }

    public WriteFailures writeFailures() {
        return commit.failures();
    }

    @Override
    public Map<String, Counts> countsByStream(long nowMillis) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        Map<String, Counts> out = new HashMap<>();
        table.countsByStream(now.minus(Duration.ofHours(1)), now.minus(Duration.ofDays(1))).forEach((stream, c) ->
                out.put(stream, new Counts(c[0], (int) Math.min(Integer.MAX_VALUE, c[1]),
                        (int) Math.min(Integer.MAX_VALUE, c[2]))));
        return out;
    }

    /**
     * One page of the anomalies matching {@code query}, in its order.
     *
     * @param offset how many matching anomalies to skip, at least 0
     * @param limit  at most how many to return, at least 0
     */
    public List<Anomaly> find(AnomalyQuery query, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative: " + offset + ", " + limit);
        }
        return limit == 0 ? List.of() : table.find(query, offset, limit);
    }

    /** Where an anomaly is in the store's newest-first order: its time, then its recording order. */
    public record Position(Instant time, long id) {
    }

    /** An anomaly as {@link #newestFirst} lists it, with its position for the next call. */
    public record Listed(Anomaly anomaly, long id) {

        public Position position() {
            return new Position(anomaly.time(), id);
        }
    }

    /**
     * Up to {@code limit} anomalies matching the filters of {@code query} (its order is ignored),
     * newest first, those recorded later first among equal times, starting after {@code after} (or
     * at the newest when null). Paging by position rather than offset: each page costs the same
     * however deep, and anomalies recorded meanwhile neither shift nor repeat the pages that follow.
     */
    public List<Listed> newestFirst(AnomalyQuery query, Position after, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return limit == 0 ? List.of() : table.newestFirst(query, after, limit);
    }

    /**
     * {@code text} safe to open in a spreadsheet: a cell starting with {@code = + - @}, tab or
     * carriage return gets a leading single quote (CSV injection), as in every CSV Zscope writes.
     */
    public static String spreadsheetSafe(String text) {
        return AnomalyCsv.neutralise(text);
    }

    /** How many anomalies match {@code query}; {@link Integer#MAX_VALUE} if more do. */
    public int count(AnomalyQuery query) {
        return (int) Math.min(Integer.MAX_VALUE, table.count(query));
    }

    /** How many anomalies happened at or after {@code since}, e.g. the start of today. */
    public long countSince(Instant since) {
        return table.count(AnomalyQuery.all().withTimeRange(since, null));
    }

    /**
     * Writes the anomalies matching {@code query}, in its order, as CSV with the log's columns to
     * {@code out}, row by row as the database returns them. Text cells that a spreadsheet would run
     * as a formula are prefixed with a single quote (see {@link AnomalyCsv#neutralise(String)});
     * numbers are left as numbers. Flushes but does not close {@code out}, which belongs to the caller.
     */
    public void export(AnomalyQuery query, OutputStream out) throws IOException {
        BufferedWriter buffered = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        CSVPrinter printer = new CSVPrinter(buffered, AnomalyCsv.EXPORT_FORMAT);
        printer.printRecord(AnomalyCsv.COLUMNS);
        try {
            table.forEach(query, anomaly -> {
                try {
                    AnomalyCsv.print(printer, anomaly, true);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        printer.flush();
    }

    /** The log file, {@code anomalies.csv} in the data directory. */
    public Path logFile() {
        return log.file();
    }

    /**
     * Commits what is queued, then closes the log; called by Spring on shutdown, after the engine
     * (which records into it) and before the data source closes.
     */
    @PreDestroy
    public void close() {
        commit.close();
        try {
            log.close();
        } catch (IOException e) {
            LOG.error("Cannot close {} cleanly; the next start repairs it", log.file(), e);
        }
    }
}
