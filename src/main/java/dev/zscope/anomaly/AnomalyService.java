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
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
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
    private final AnomalyLog log;
    private final AnomalyWriter writer;
    private final Object recording = new Object();
    private final AtomicLong unlogged = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();

    /**
     * Opens (creating if needed) {@code anomalies.csv} in the configured data directory and imports
     * what the database lacks of it. Fails, and with it the application's start, if the directory
     * or the database cannot be used. The schema must exist (Flyway runs first, see
     * {@link DependsOnDatabaseInitialization}).
     */
    public AnomalyService(AnomalyProperties properties, JdbcTemplate jdbc) {
        this.table = new AnomalyTable(jdbc);
        LogImport importer = new LogImport(table);
        try {
            this.log = AnomalyLog.open(properties.dataDirectory(), importer);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the anomaly log in "
                    + properties.dataDirectory().toAbsolutePath(), e);
        }
        try {
            importer.finish();
        } catch (RuntimeException e) {
            closeLog();
            throw e;
        }
        this.writer = new AnomalyWriter(table, properties.writeQueue(), properties.writeInterval());
        LOG.info("Anomaly log is {}; the database holds {} anomalies", log.file().toAbsolutePath(),
                table.count(AnomalyQuery.all()));
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
            boolean logged = append(anomalies);
            writer.submit(anomalies.stream().map(a -> new AnomalyTable.Row(a, logged)).toList());
        }
        recorded.addAndGet(anomalies.size());
    }

    private boolean append(List<Anomaly> anomalies) {
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
        writer.flush(FLUSH_TIMEOUT);
        return table.find(query, offset, limit);
    }

    /** How many anomalies match {@code query}; {@link Integer#MAX_VALUE} if more do. */
    public int count(AnomalyQuery query) {
        writer.flush(FLUSH_TIMEOUT);
        return (int) Math.min(Integer.MAX_VALUE, table.count(query));
    }

    /** How many anomalies happened at or after {@code since}, e.g. the start of today. */
    public long countSince(Instant since) {
        writer.flush(FLUSH_TIMEOUT);
        return table.count(AnomalyQuery.all().withTimeRange(since, null));
    }

    /**
     * Writes the anomalies matching {@code query}, in its order, as CSV with the log's columns to
     * {@code out}, row by row as the database returns them. Text cells that a spreadsheet would run
     * as a formula are prefixed with a single quote (see {@link AnomalyCsv#neutralise(String)});
     * numbers are left as numbers. Flushes but does not close {@code out}, which belongs to the caller.
     */
    public void export(AnomalyQuery query, OutputStream out) throws IOException {
        writer.flush(FLUSH_TIMEOUT);
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

    /** How many recorded anomalies wait for the database; lets tests see the queue drain. */
    int pendingWrites() {
        return writer.pending();
    }

    /** Closes the log only, standing in for a failed disk in tests. */
    void closeLog() {
        try {
            log.close();
        } catch (IOException e) {
            LOG.error("Cannot close {} cleanly; the next start repairs it", log.file(), e);
        }
    }

    /**
     * Writes what is queued to the database, then flushes, syncs and closes the log; called by
     * Spring on shutdown, before the data source closes.
     */
    @PreDestroy
    public void close() {
        writer.close();
        closeLog();
    }
}
