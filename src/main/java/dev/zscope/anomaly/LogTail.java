package dev.zscope.anomaly;

import dev.zscope.engine.Anomaly;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the anomalies of a log from a byte offset on, in batches that each say where their last line
 * ends, so a caller can store a batch and its mark together and resume exactly there after a crash.
 *
 * <p>A line that cannot be used (wrong number of fields, a number or time that does not parse, a
 * stray quote) is skipped with a warning naming its offset; only the first {@value #DETAILED_WARNINGS}
 * are logged one by one, so a file edited by hand cannot flood the log. The file is never changed.
 */
final class LogTail {

    private static final Logger LOG = LoggerFactory.getLogger(LogTail.class);
    static final int DETAILED_WARNINGS = 10;

    /** Anomalies read, and the offset just past the last line they (or skipped lines) came from. */
    record Batch(List<Anomaly> anomalies, long end) {
    }

    /** How many lines were read and skipped, and where reading stopped. */
    record Result(long read, long skipped, long end) {
    }

    private LogTail() {
    }

    /**
     * Feeds the anomalies of {@code file} from {@code from} (the start of a line) to its end, in
     * batches of up to {@code batchSize}, to {@code sink}.
     *
     * @param header the file's columns, which may be an older version's (see {@link AnomalyCsv#positions})
     */
    static Result read(Path file, long from, List<String> header, int batchSize, Consumer<Batch> sink)
            throws IOException {
        int[] positions = AnomalyCsv.positions(header);
        Map<String, String> canonical = new HashMap<>();
        List<Anomaly> batch = new ArrayList<>();
        long read = 0;
        long skipped = 0;
        long end = from;
        try (LogRecords records = new LogRecords(file, from)) {
            for (LogRecords.Next next = records.next(); next != null; next = records.next()) {
                try {
                    batch.add(AnomalyCsv.parse(next.text(), positions, header.size(), canonical));
                    read++;
                } catch (IllegalArgumentException e) {
                    if (skipped++ < DETAILED_WARNINGS) {
                        LOG.warn("Skipping an unusable line of {} ending at byte {}: {}", file, next.end(),
                                e.getMessage());
                    }
                }
                end = next.end();
                if (batch.size() == batchSize) {
                    sink.accept(new Batch(List.copyOf(batch), end));
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty() || end > from) {
            sink.accept(new Batch(List.copyOf(batch), end));
        }
        if (skipped > DETAILED_WARNINGS) {
            LOG.warn("Skipped {} unusable lines of {} in all", skipped, file);
        }
        return new Result(read, skipped, end);
    }

    /** The offset just past the first {@code rows} data lines of {@code file} (for a mark kept in rows). */
    static long offsetAfterRows(Path file, long rows) throws IOException {
        try (LogRecords records = new LogRecords(file, AnomalyLog.headerEnd())) {
            long end = AnomalyLog.headerEnd();
            for (long i = 0; i < rows; i++) {
                LogRecords.Next next = records.next();
                if (next == null) {
                    break;
                }
                end = next.end();
            }
            return end;
        }
    }
}
