package dev.zscope.anomaly;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only {@code anomalies.csv} in the data directory: the durable record of every anomaly,
 * readable by any spreadsheet, and the source of the grid's history after a restart.
 *
 * <p>The file starts with the header {@link AnomalyCsv#COLUMNS} (documented there) exactly once,
 * followed by one record per anomaly. An append only formats its records into a buffer; every
 * {@link #DEFAULT_SYNC_INTERVAL} {@link PeriodicSync} hands the buffer to the operating system and
 * forces the file to disk when anything is unsynced, so a crash of the JVM or a power cut loses
 * well under a second of anomalies, and an append costs no system call (a million appends a
 * second stay affordable); {@link #close()} flushes and syncs. The force runs outside the append
 * lock, so the engine never waits for the disk. Appends are thread-safe.
 *
 * <p>{@link #open} prepares the file before anything is appended:
 * <ul>
 *   <li>a record torn by a crash is moved aside by {@link TornTailRepair}, the only truncation ever;</li>
 *   <li>if the header differs from the current one, because another version of Zscope wrote it, the
 *       file is renamed (never deleted) by {@link LogArchive} and a new one is started, so one file never
 *       mixes two headers; rows of the old file whose columns can be found by name are carried over;</li>
 *   <li>otherwise every usable record is read back, oldest first.</li>
 * </ul>
 * After a write or sync fails, the file may end in a partial record, so the log refuses further
 * appends rather than corrupt the next record; the next start repairs it.
 */
final class AnomalyLog implements AutoCloseable {

    static final String FILE_NAME = "anomalies.csv";
    static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(AnomalyLog.class);

    private final Path file;
    private final Writer out;
    private final AnomalyLine line = new AnomalyLine(); // guarded by lock
    private final PeriodicSync sync;
    private final ReentrantLock lock = new ReentrantLock();
    private long written;             // records appended, header included; guarded by lock
    private boolean closed;           // guarded by lock
    private Exception failure;        // guarded by lock

    private AnomalyLog(Path file, Duration syncInterval) throws IOException {
        this.file = file;
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        this.out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                StandardCharsets.UTF_8), 1 << 16);
        this.sync = new PeriodicSync(channel, syncInterval, "anomaly-log-sync", this::syncTarget, this::syncFailed);
        try {
            if (channel.size() == 0) {
                append(List.of(), true);
                sync.syncIfBehind();
            }
        } catch (IOException | RuntimeException e) {
            sync.close();
            out.close();
            throw e;
        }
    }

    /** Opens {@code dataDir/anomalies.csv}, creating both if needed, after feeding its history to {@code history}. */
    static AnomalyLog open(Path dataDir, Consumer<? super Anomaly> history) throws IOException {
        return open(dataDir, history, DEFAULT_SYNC_INTERVAL);
    }

    static AnomalyLog open(Path dataDir, Consumer<? super Anomaly> history, Duration syncInterval)
            throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        LogArchive archive = null;
        if (Files.exists(file)) {
            TornTailRepair.repair(file);
            List<String> header = AnomalyLogReader.header(file).orElse(null);
            if (AnomalyCsv.COLUMNS.equals(header)) {
                AnomalyLogReader.Result result = AnomalyLogReader.read(file, header, history);
                LOG.info("Read {} anomalies back from {} ({} unparseable rows skipped)",
                        result.read(), file, result.skipped());
            } else if (header != null) {
                archive = LogArchive.archive(file, header);
            }
        }
        AnomalyLog log = new AnomalyLog(file, syncInterval);
        if (archive != null) {
            try {
                archive.carryOver(log, history);
            } catch (IOException | RuntimeException e) {
                log.close();
                throw e;
            }
        }
        return log;
    }

    Path file() {
        return file;
    }

    void append(Anomaly anomaly) {
        append(List.of(anomaly), false);
    }

    /**
     * Appends the batch to the buffer; the next periodic sync (or {@link #close()}) writes it out.
     *
     * @throws UncheckedIOException  if writing fails; the log then refuses further appends
     * @throws IllegalStateException if the log is closed or failed earlier
     */
    void append(List<Anomaly> batch) {
        append(batch, false);
    }

    private void append(List<Anomaly> batch, boolean header) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(file + " is closed");
            }
            if (failure != null) {
                throw new IllegalStateException("not appending to " + file + " after an earlier failure", failure);
            }
            try {
                if (header) {
                    out.write(String.join(",", AnomalyCsv.COLUMNS) + "\n");
                }
                for (Anomaly anomaly : batch) {
                    line.write(anomaly, out);
                }
                if (header) {
                    out.flush(); // a new file is complete, header and all, before it is used
                }
                written += batch.size() + (header ? 1 : 0);
            } catch (IOException e) {
                failure = e;
                throw new UncheckedIOException("Cannot append to " + file, e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many times the file has been forced to disk; lets tests see the syncing happen. */
    long syncCount() {
        return sync.count();
    }

    /** {@link System#nanoTime()} of the last completed sync. */
    long lastSyncNanos() {
        return sync.lastNanos();
    }

    /**
     * Hands the buffered records to the operating system and says how many records the file then
     * holds, for the sync thread to force; -1 when there is nothing to sync any more.
     */
    private long syncTarget() {
        lock.lock();
        try {
            if (closed || failure != null) {
                return -1;
            }
            out.flush();
            return written;
        } catch (IOException e) {
            failure = e;
            LOG.error("Cannot write {}; no further anomalies will be written to it", file, e);
            return -1;
        } finally {
            lock.unlock();
        }
    }

    private void syncFailed(Exception e) {
        lock.lock();
        try {
            if (failure == null) {
                failure = e;
            }
        } finally {
            lock.unlock();
        }
        LOG.error("Cannot sync {} to disk; no further anomalies will be written to it", file, e);
    }

    /** Flushes, syncs and closes the file. Further appends throw; closing twice does nothing. */
    @Override
    public void close() throws IOException {
        boolean failed;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true; // from here on nothing touches the writer but this method
            failed = failure != null;
        } finally {
            lock.unlock();
        }
        sync.close();
        try (out) {
            if (!failed) {
                out.flush();
                sync.force();
            }
        }
    }
}
