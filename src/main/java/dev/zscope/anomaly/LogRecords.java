package dev.zscope.anomaly;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads {@code anomalies.csv} record by record from a byte offset, telling where each record ends,
 * so that a start can read only what the database has not seen and remember how far it got.
 *
 * <p>A record ends at a newline outside quotes (CSV allows a quoted stream name to hold one). A
 * record longer than {@link #MAX_RECORD} (a real row is about 200 bytes) can only come from a stray,
 * unbalanced quote: it is cut at its first newline instead and handed over as it is, to be skipped
 * as unparseable, so one damaged row never swallows the rest of the file. Scanning bytes is safe in
 * UTF-8, whose multi-byte sequences never contain {@code "} or a newline.
 */
final class LogRecords implements AutoCloseable {

    /** Longest record read as one; see the class comment. Also the line length limit of the log reader. */
    static final int MAX_RECORD = 1 << 20;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).flip();
    private final ByteArrayOutputStream record = new ByteArrayOutputStream(512);
    /** Offset in the file of the next byte {@link #read()} returns. */
    private long position;

    /** A record's text, without its newline, and the offset just past that newline. */
    record Next(String text, long end) {
    }

    LogRecords(Path file, long from) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(from);
        this.position = from;
    }

    /** The next complete record, or null at the end (an unterminated last line is not a record). */
    Next next() throws IOException {
        record.reset();
        boolean quoted = false;
        long start = position;
        long firstNewline = -1;
        int b;
        while ((b = read()) >= 0) {
            position++;
            if (b == '"') {
                quoted = !quoted;
            } else if (b == '\n') {
                if (!quoted) {
                    return new Next(text(), position);
                }
                if (firstNewline < 0) {
                    firstNewline = position;
                }
            }
            record.write(b);
            if (record.size() > MAX_RECORD && firstNewline >= 0) {
                return stray(start, firstNewline);
            }
        }
        return firstNewline >= 0 ? stray(start, firstNewline) : null;
    }

    /** A stray quote: the record is the first line only; reading goes on after it. */
    private Next stray(long start, long end) throws IOException {
        byte[] bytes = record.toByteArray();
        int length = (int) (end - start - 1);
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        channel.position(end);
        position = end;
        buffer.clear().flip(); // drop what was read ahead: reading goes on from the end of that line
        return new Next(text, end);
    }

    private int read() throws IOException {
        if (!buffer.hasRemaining()) {
            buffer.clear();
            int n = channel.read(buffer);
            buffer.flip();
            if (n <= 0) {
                return -1;
            }
        }
        return buffer.get() & 0xff;
    }

    private String text() {
        int n = record.size();
        byte[] bytes = record.toByteArray();
        return new String(bytes, 0, n > 0 && bytes[n - 1] == '\r' ? n - 1 : n, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
