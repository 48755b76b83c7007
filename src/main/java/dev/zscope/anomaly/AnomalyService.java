package dev.zscope.anomaly;

import jakarta.annotation.PreDestroy;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Everything the rest of Zscope does with anomalies: the engine {@link #record records} them, the
 * grid {@link #find finds} and {@link #count counts} them, a download {@link #export exports} them.
 *
 * <p>Each anomaly goes first to {@code anomalies.csv} (see {@link AnomalyLog}), the append-only
 * export any spreadsheet reads, and then through {@link AnomalyWriter}'s queue into the
 * {@code anomaly} table, which answers every query with paging, filters and sorting in SQL. At
 * start, {@link LogImport} imports whatever the log holds and the table does not, so an upgrade
 * from the CSV-only version, a crash, or a new database lose nothing and store nothing twice.
 *
 * <p>Queries first {@link AnomalyWriter#flush flush} the queue (a few milliseconds at most while
 * the database keeps up), so a query sees every anomaly recorded before it.
 */
@Service
@DependsOnDatabaseInitialization
public class AnomalyService {

    private static final Logger LOG = LoggerFactory.getLogger(AnomalyService.class);
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(2);

    private final AnomalyTable table;
    private final Path dataDirectory;
    private final int earlyLimit;
    private final AnomalyWriter writer;
    private final Object recording = new Object();
    private final CompletableFuture<Void> opening = new CompletableFuture<>();
    /** Anomalies recorded before the history was in; guarded by {@code recording}. */
    private final List<Anomaly> early = new ArrayList<>();
    /** Guarded by {@code recording}. */
    private boolean historyIn;
    /** Null until the history is in, and for good if the log could not be opened. */
    private volatile AnomalyLog log;
    private final AtomicLong unlogged = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicBoolean readBackStarted = new AtomicBoolean();
    /** How long after the application is ready the read-back starts if no request came first. */
    static final Duration READ_BACK_DELAY = Duration.ofSeconds(5);

    /**
     * Opens (creating if needed) {@code anomalies.csv} in the configured data directory and imports
     * what the database lacks of it, on a background thread started by {@link #readBackHistory()}:
     * reading back a large log (a million rows take seconds of CPU, importing them into a new
     * database minutes) must not delay the login page. Until then queries answer from what the
     * database already holds (a query after a record waits up to two seconds for the read-back, so
     * that it sees that anomaly), and anomalies recorded meanwhile wait in memory (up to the write
     * queue's size; beyond that {@link #record} waits) and are logged and written, in order, once
     * the history is in. If the log cannot be opened,
     * that is logged as an error and anomalies go to the database only. The schema must exist
     * (Flyway runs first, see {@link DependsOnDatabaseInitialization}).
     */
    public AnomalyService(AnomalyProperties properties, JdbcTemplate jdbc) {
        this.table = new AnomalyTable(jdbc);
        this.dataDirectory = properties.dataDirectory();
        this.earlyLimit = properties.writeQueue();
        this.writer = new AnomalyWriter(table, properties.writeQueue(), properties.writeInterval());
    }

    /**
     * When the application is ready, the read-back waits for the first request to be served
     * ({@link HistoryAfterFirstRequest}), or at most {@link #READ_BACK_DELAY}: the first page a
     * browser asks for is what a user waits for, and on two cores a read-back running beside it
     * (one thread parses, the common pool converts) made that page a second or more later.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void whenReady() {
        CompletableFuture.delayedExecutor(READ_BACK_DELAY.toMillis(), TimeUnit.MILLISECONDS)
                .execute(this::readBackHistory);
    }

    /**
     * Starts reading the log's history back on a thread of its own, once: after the first served
     * request or a few seconds after the application is ready ({@link #whenReady()}), and sooner
     * when something needs the history (a query behind held-back anomalies, {@link #awaitHistory()},
     * {@link #close()}). Not from the constructor, because a read-back beside Spring's start
     * delays the start.
     */
    public void readBackHistory() {
        if (readBackStarted.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("anomaly-log-open").start(this::openLog);
        }
    }

    private void openLog() {
        long start = System.nanoTime();
        AnomalyLog opened = null;
        try {
            LogImport importer = new LogImport(table);
            opened = AnomalyLog.open(dataDirectory, importer);
            importer.finish();
            LOG.info("Anomaly log is {}, read back in {} ms; the database holds {} anomalies",
                    opened.file().toAbsolutePath(), (System.nanoTime() - start) / 1_000_000,
                    table.count(AnomalyQuery.all()));
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot open the anomaly log in {} or import it; anomalies go to the database only until restart",
                    dataDirectory.toAbsolutePath(), e);
            if (opened != null) {
                try {
                    opened.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
                opened = null;
            }
        }
        synchronized (recording) {
            log = opened;
            historyIn = true;
            if (!early.isEmpty()) {
                List<Anomaly> waiting = List.copyOf(early);
                early.clear();
                boolean logged = append(waiting);
                writer.submit(waiting.stream().map(a -> new AnomalyTable.Row(a, logged)).toList());
            }
            recording.notifyAll();
        }
        opening.complete(null);
    }

    /**
     * Lets a query see what was recorded before it: waits (at most {@code FLUSH_TIMEOUT}) for a
     * read-back that holds recorded anomalies back, then flushes the writer's queue. A query while
     * nothing waits behind the read-back answers at once from what the database holds.
     */
    private void catchUp() {
        boolean held;
        synchronized (recording) {
            held = !historyIn && !early.isEmpty();
        }
        if (held) {
            readBackHistory();
            try {
                opening.get(FLUSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // answer with what is there; the rest follows when the history is in
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writer.flush(FLUSH_TIMEOUT);
    }

    /** Completes when the log's history is read back and imported (or that failed); never fails itself. */
    public CompletableFuture<Void> historyLoaded() {
        return opening.copy();
    }

    /** Waits until the log's history is read back and imported (or failed); for tests and shutdown. */
    void awaitHistory() {
        readBackHistory();
        try {
            opening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Keeps an anomaly: appends it to the log and queues it for the database. Never throws for a
     * disk problem, because the engine must keep detecting when the disk is full; the first failure
     * is logged as an error, and later anomalies then go to the database only.
     */
    public void record(Anomaly anomaly) {
        record(List.of(anomaly));
    }

    /** {@link #record(Anomaly)} for a batch, written to the log with one flush. */
    public void record(List<Anomaly> anomalies) {
        if (anomalies.isEmpty()) {
            return;
        }
        synchronized (recording) { // the database must receive the rows in the log's order
            while (!historyIn && early.size() >= earlyLimit) {
                try {
                    recording.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (!historyIn) {
                early.addAll(anomalies); // behind the history still being read back
            } else {
                boolean logged = append(anomalies);
                writer.submit(anomalies.stream().map(a -> new AnomalyTable.Row(a, logged)).toList());
            }
        }
        recorded.addAndGet(anomalies.size());
    }

    private boolean append(List<Anomaly> anomalies) {
        if (log == null) {
            unlogged.addAndGet(anomalies.size());
            return false;
        }
        try {
            log.append(anomalies);
            return true;
        } catch (UncheckedIOException | IllegalStateException e) {
            if (unlogged.getAndAdd(anomalies.size()) == 0) {
                LOG.error("Cannot write to {}; anomalies go to the database only until restart", log.file(), e);
            }
            return false;
        }
    }

    /**
     * How many anomalies were recorded since this process started, on any stream; views compare it
     * between pushes to notice new anomalies without a subscription per stream.
     */
    public long recordedCount() {
        return recorded.get();
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
        if (limit == 0) {
            return List.of();
        }
        catchUp();
        return table.find(query, offset, limit);
    }

    /** How many anomalies match {@code query}; {@link Integer#MAX_VALUE} if more do. */
    public int count(AnomalyQuery query) {
        catchUp();
        return (int) Math.min(Integer.MAX_VALUE, table.count(query));
    }

    /** How many anomalies happened at or after {@code since}, e.g. the start of today. */
    public long countSince(Instant since) {
        catchUp();
        return table.count(AnomalyQuery.all().withTimeRange(since, null));
    }

    /**
     * Writes the anomalies matching {@code query}, in its order, as CSV with the log's columns to
     * {@code out}, row by row as the database returns them. Text cells that a spreadsheet would run
     * as a formula are prefixed with a single quote (see {@link AnomalyCsv#neutralise(String)});
     * numbers are left as numbers. Flushes but does not close {@code out}, which belongs to the caller.
     */
    public void export(AnomalyQuery query, OutputStream out) throws IOException {
        catchUp();
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

    /** The log file, {@code anomalies.csv} in the data directory (once its history is read back). */
    public Path logFile() {
        awaitHistory();
        return dataDirectory.resolve(AnomalyLog.FILE_NAME);
    }

    /** How many recorded anomalies wait for the database; lets tests see the queue drain. */
    int pendingWrites() {
        return writer.pending();
    }

    /** Closes the log only, standing in for a failed disk in tests. */
    void closeLog() {
        awaitHistory();
        AnomalyLog current = log;
        if (current == null) {
            return;
        }
        try {
            current.close();
        } catch (IOException e) {
            LOG.error("Cannot close {} cleanly; the next start repairs it", current.file(), e);
        }
    }

    /**
     * Writes what is queued to the database, then flushes, syncs and closes the log; called by
     * Spring on shutdown, before the data source closes.
     */
    @PreDestroy
    public void close() {
        boolean nothingHeld;
        synchronized (recording) {
            nothingHeld = early.isEmpty();
        }
        if (!readBackStarted.get() && nothingHeld) { // stopped before it was ready: nothing to read back for
            writer.close();
            return;
        }
        awaitHistory(); // anomalies recorded during the read-back reach the writer first
        writer.close();
        closeLog();
    }
}
