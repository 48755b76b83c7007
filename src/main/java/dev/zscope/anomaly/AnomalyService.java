package dev.zscope.anomaly;

import jakarta.annotation.PreDestroy;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Everything the rest of Zscope does with anomalies: the engine {@link #record records} them, the
 * grid {@link #find finds} and {@link #count counts} them, a download {@link #export exports} them.
 *
 * <p>Each anomaly goes both to {@code anomalies.csv} (see {@link AnomalyLog}), which keeps all of
 * them across restarts, and to an in-memory {@link AnomalyStore}, which keeps the newest
 * {@link AnomalyProperties#memoryLimit()} for fast queries. The log is read back into the store when
 * the service starts, so the grid shows history right after a restart. Queries and counts only see
 * the store.
 */
@Service
public class AnomalyService {

    private static final Logger LOG = LoggerFactory.getLogger(AnomalyService.class);

    private final AnomalyStore store;
    private final AnomalyLog log;
    private final AtomicLong unlogged = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();

    /**
     * Opens (creating if needed) {@code anomalies.csv} in the configured data directory and loads its
     * history. Fails, and with it the application's start, if the directory cannot be used.
     */
    public AnomalyService(AnomalyProperties properties) {
        this.store = new AnomalyStore(properties.memoryLimit());
        try {
            this.log = AnomalyLog.open(properties.dataDirectory(), store::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the anomaly log in "
                    + properties.dataDirectory().toAbsolutePath(), e);
        }
        LOG.info("Anomaly log is {}; {} anomalies in memory", log.file().toAbsolutePath(), store.size());
    }

    /**
     * Keeps an anomaly: makes it queryable and appends it to the log. Never throws for a disk
     * problem, because the engine must keep detecting when the disk is full; the first failure is
     * logged as an error, and later anomalies are then kept in memory only.
     */
    public void record(Anomaly anomaly) {
        record(List.of(anomaly));
    }

    /** {@link #record(Anomaly)} for a batch, written with one flush. */
    public void record(List<Anomaly> anomalies) {
        anomalies.forEach(store::add);
        recorded.addAndGet(anomalies.size());
        try {
            log.append(anomalies);
        } catch (UncheckedIOException | IllegalStateException e) {
            if (unlogged.getAndAdd(anomalies.size()) == 0) {
                LOG.error("Cannot write to {}; anomalies are kept in memory only until restart", log.file(), e);
            }
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
        List<Anomaly> rows = store.matching(query);
        int from = Math.min(offset, rows.size());
        int to = (int) Math.min(rows.size(), (long) from + limit);
        return List.copyOf(rows.subList(from, to));
    }

    /** How many anomalies match {@code query}. */
    public int count(AnomalyQuery query) {
        return store.count(query);
    }

    /** How many anomalies in memory happened at or after {@code since}, e.g. the start of today. */
    public long countSince(Instant since) {
        return store.count(AnomalyQuery.all().withTimeRange(since, null));
    }

    /**
     * Writes the anomalies matching {@code query}, in its order, as CSV with the log's columns to
     * {@code out}, row by row. Text cells that a spreadsheet would run as a formula are prefixed with
     * a single quote (see {@link AnomalyCsv#neutralise(String)}); numbers are left as numbers. Flushes
     * but does not close {@code out}, which belongs to the caller.
     */
    public void export(AnomalyQuery query, OutputStream out) throws IOException {
        List<Anomaly> rows = store.matching(query);
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        CSVPrinter printer = new CSVPrinter(writer, AnomalyCsv.EXPORT_FORMAT);
        printer.printRecord(AnomalyCsv.COLUMNS);
        for (Anomaly anomaly : rows) {
            AnomalyCsv.print(printer, anomaly, true);
        }
        printer.flush();
    }

    /** The log file, {@code anomalies.csv} in the data directory. */
    public Path logFile() {
        return log.file();
    }

    /** Flushes, syncs and closes the log; called by Spring on shutdown. */
    @PreDestroy
    public void close() {
        try {
            log.close();
        } catch (IOException e) {
            LOG.error("Cannot close {} cleanly; the next start repairs it", log.file(), e);
        }
    }
}
