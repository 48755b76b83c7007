package dev.zscope.anomaly;

import dev.zscope.base.PrivateFiles;
import dev.zscope.engine.Anomaly;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only {@code anomalies.csv} in the data directory: the human-readable record of every
 * anomaly, which any spreadsheet opens, and the journal the database is brought level with at start.
 *
 * <p>The file starts with the header {@link AnomalyCsv#COLUMNS} exactly once, followed by one line
 * per anomaly. {@link #append} writes a group of lines at the end of the file and forces them to
 * disk before it returns, so a group it acknowledged survives a crash or a power cut. A write that
 * fails (disk full) is undone by truncating the file back to where the group started, so the log
 * never holds half a line and the next group, once there is room again, starts on a fresh line.
 * Only one thread appends (the anomaly store's committer).
 *
 * <p>{@link #open} prepares the file: a line torn by a crash is moved aside
 * ({@link TornTailRepair}); a file with another header (another version of Zscope) is renamed,
 * never deleted ({@link LogArchive}), and a new one is started.
 */
final class AnomalyLog implements AutoCloseable {

    static final String FILE_NAME = "anomalies.csv";
    private static final Logger LOG = LoggerFactory.getLogger(AnomalyLog.class);
    private static final byte[] HEADER = (String.join(",", AnomalyCsv.COLUMNS) + "\n").getBytes(StandardCharsets.UTF_8);

    private final Path file;
    private final FileChannel channel;
    private final StringBuilder text = new StringBuilder(1 << 12);
    private long end;
    /** Set when a failed append could not be undone; the next append truncates first. */
    private boolean dirty;

    private AnomalyLog(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        PrivateFiles.ownerOnly(file);
        try {
            if (channel.size() == 0) {
                write(ByteBuffer.wrap(HEADER), 0);
                channel.force(true);
            }
            end = channel.size();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** A log as {@link #open} found it: the log, and the archive its old file went to, if any. */
    record Opened(AnomalyLog log, Optional<LogArchive> archive) {
    }

    /** Opens {@code dataDir/anomalies.csv}, creating both if needed; see the class comment. */
    static Opened open(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        LogArchive archive = null;
        if (Files.exists(file)) {
            TornTailRepair.repair(file);
            List<String> header = header(file).orElse(null);
            if (header != null && !AnomalyCsv.COLUMNS.equals(header)) {
                archive = LogArchive.archive(file, header);
            }
        }
        return new Opened(new AnomalyLog(file), Optional.ofNullable(archive));
    }

    /** The header of {@code file}, if it has a complete first line. */
    static Optional<List<String>> header(Path file) throws IOException {
        try (LogRecords records = new LogRecords(file, 0)) {
            LogRecords.Next first = records.next();
            return first == null ? Optional.empty() : Optional.of(List.of(first.text().split(",", -1)));
        }
    }

    Path file() {
        return file;
    }

    /** The offset just past the last complete line. */
    long end() {
        return end;
    }

    /** The offset just past the header: where the first anomaly starts. */
    static long headerEnd() {
        return HEADER.length;
    }

    /**
     * Appends the anomalies as lines and forces them to disk; returns the new end.
     *
     * @throws IOException when they could not be written or synced; the file is then as it was
     *     before the call (or, if even that failed, is made so by the next call)
     */
    long append(List<Anomaly> anomalies) throws IOException {
        if (dirty) {
            channel.truncate(end);
            dirty = false;
        }
        text.setLength(0);
        try (CSVPrinter printer = new CSVPrinter(text, AnomalyCsv.LOG_FORMAT)) {
            for (Anomaly a : anomalies) {
                AnomalyCsv.print(printer, a, true);
            }
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(text));
        long start = end;
        try {
            write(bytes, start);
            channel.force(false);
        } catch (IOException e) {
            undo(start, e);
            throw e;
        }
        end = start + bytes.limit();
        return end;
    }

    /**
     * Whether the file takes a write: one byte appended, synced and cut off again.
     *
     * @throws IOException when it does not (the disk is still full)
     */
    void probe() throws IOException {
        try {
            write(ByteBuffer.wrap(new byte[] {'\n'}), end);
            channel.force(false);
        } finally {
            channel.truncate(end);
        }
        dirty = false;
    }

    /** Removes what was appended after {@code offset} (a group the database refused). */
    void truncate(long offset) throws IOException {
        if (offset > end) {
            throw new IllegalArgumentException("cannot truncate " + file + " forward to " + offset);
        }
        end = offset;
        dirty = true;
        channel.truncate(offset);
        channel.force(false);
        dirty = false;
    }

    private void undo(long start, IOException cause) {
        try {
            channel.truncate(start);
        } catch (IOException again) {
            dirty = true;
            cause.addSuppressed(again);
            LOG.error("Cannot undo a failed append to {}; the next append truncates it first", file);
        }
    }

    private void write(ByteBuffer bytes, long at) throws IOException {
        long position = at;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            if (dirty) {
                channel.truncate(end);
            }
            channel.force(true);
        }
    }
}
