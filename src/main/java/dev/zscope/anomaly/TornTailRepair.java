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
 * Repairs a log whose last record was cut short by a crash, so that the next append starts on a
 * fresh line instead of gluing itself onto half a record.
 *
 * <p>The end of the last complete record is found by scanning the bytes with the same quoting rules
 * the CSV parser uses: a newline inside a quoted stream name does not end a record, so a crash in the
 * middle of such a name is recognised even when the file happens to end with a newline. Scanning
 * bytes is safe in UTF-8, whose multi-byte sequences never contain {@code "}, {@code ,}, CR or LF.
 *
 * <p>The torn tail is first copied to {@code anomalies.csv.torn-<n>} and synced, and only then is
 * the log truncated to the end of its last complete line. This is the only truncation the log ever
 * undergoes, and it loses no byte: a crash between the two steps merely leaves a duplicate side file.
 * A stray, unbalanced quote that a person typed into the file looks exactly like a torn record; its
 * rest of the file then moves to the side file too, where it can be recovered by hand.
 */
final class TornTailRepair {

    private static final Logger LOG = LoggerFactory.getLogger(TornTailRepair.class);

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private TornTailRepair() {
    }

    /** Returns the side file that now holds the torn tail, or empty when the log ended cleanly. */
    static Optional<Path> repair(Path log) throws IOException {
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long end = endOfLastCompleteRecord(channel);
            if (end == size) {
                return Optional.empty();
            }
            Path side = copyToSideFile(channel, log, end, size);
            channel.truncate(end);
            channel.force(true);
            LOG.warn("{} ended in a partial record (crash while writing?): moved its last {} bytes to {}"
                    + " and truncated the log to its last complete line", log, size - end, side);
            return Optional.of(side);
        }
    }

    /** The offset just past the last newline that ends a record; 0 if no record is complete. */
    static long endOfLastCompleteRecord(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        State state = State.FIELD_START;
        long position = 0;
        long end = 0;
        channel.position(0);
        while (channel.read(buffer.clear()) > 0) {
            buffer.flip();
            byte[] bytes = buffer.array();
            int limit = buffer.limit();
            for (int i = 0; i < limit; i++) {
                byte b = bytes[i];
                if (state == State.QUOTED) {
                    if (b == '"') {
                        state = State.QUOTE_IN_QUOTED;
                    }
                } else if (state == State.QUOTE_IN_QUOTED && b == '"') {
                    state = State.QUOTED; // a doubled quote inside a quoted field
                } else if (b == '\n') {
                    state = State.FIELD_START;
                    end = position + i + 1;
                } else if (b == '\r' || b == ',') {
                    state = State.FIELD_START;
                } else if (state == State.FIELD_START && b == '"') {
                    state = State.QUOTED;
                } else {
                    state = State.UNQUOTED; // also text after a closing quote, which the reader allows
                }
            }
            position += limit;
        }
        return end;
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
