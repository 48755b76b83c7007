package dev.zscope.anomaly;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs a log whose last line was cut short by a crash, so that the next append starts on a fresh
 * line instead of gluing itself onto half a record.
 *
 * <p>Every line the log writes ends in a newline, so a torn tail is whatever follows the last
 * newline, and only that: quotes are not interpreted, so a stray quote in the middle of the file
 * (typed by a person) costs that one row at read time ({@link LogRecords}) and never the rest.
 *
 * <p>The torn tail is first copied to {@code anomalies.csv.torn-<n>} and synced, and only then is
 * the log truncated to the end of its last complete line, so no byte is ever lost: a crash between
 * the two steps merely leaves a duplicate side file.
 */
final class TornTailRepair {

    private static final Logger LOG = LoggerFactory.getLogger(TornTailRepair.class);
    private static final int CHUNK = 1 << 16;

    private TornTailRepair() {
    }

    /** Returns the side file that now holds the torn tail, or empty when the log ended cleanly. */
    static Optional<Path> repair(Path log) throws IOException {
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long end = endOfLastLine(channel);
            if (end == size) {
                return Optional.empty();
            }
            Path side = copyToSideFile(channel, log, end, size);
            channel.truncate(end);
            channel.force(true);
            LOG.warn("{} ended in a partial line (crash while writing?): moved its last {} bytes to {}"
                    + " and truncated the log to its last complete line", log, size - end, side);
            return Optional.of(side);
        }
    }

    /** The offset just past the last newline; 0 when there is none. Reads the file backwards. */
    static long endOfLastLine(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        for (long to = channel.size(); to > 0; ) {
            long from = Math.max(0, to - CHUNK);
            buffer.clear().limit((int) (to - from));
            channel.read(buffer, from);
            for (int i = (int) (to - from) - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return from + i + 1;
                }
            }
            to = from;
        }
        return 0;
    }

    private static Path copyToSideFile(FileChannel channel, Path log, long from, long to) throws IOException {
        for (int n = 1; ; n++) {
            Path side = log.resolveSibling(log.getFileName() + ".torn-" + n);
            try (FileChannel out = FileChannel.open(side, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (long at = from; at < to; ) {
                    long copied = channel.transferTo(at, to - at, out);
                    if (copied <= 0) {
                        throw new IOException(log + " shrank while its torn tail was being copied");
                    }
                    at += copied;
                }
                out.force(true);
                return side;
            } catch (FileAlreadyExistsException taken) {
                // an earlier repair's side file: keep it and try the next number
            }
        }
    }
}
