package dev.zscope.history;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk block: the one unit the point store appends, reads and checks. A segment file is a
 * run of blocks; each holds records of one stream and says where that stream's previous block in
 * the same file is, so a read follows one stream's blocks without an index file.
 *
 * <pre>
 * offset  size  field (little-endian)
 *      0     4  magic "ZSPB"
 *      4     1  kind: 1 raw points, 2 minute summaries, 3 kept points (anomalies, injections)
 *      5     1  length of the stream's name (1..100, ASCII)
 *      6     2  0
 *      8     8  sequence number (every block of the store has its own, increasing)
 *     16     8  offset of the stream's previous block in this file, or -1
 *     24     4  record count (1..MAX_COUNT)
 *     28     4  0
 *     32     8  smallest record time (epoch ms)
 *     40     8  largest record time
 *     48     n  the stream's name
 *   48+n   r*c  the records ({@link #RAW_RECORD} or {@link #MINUTE_RECORD} bytes each)
 *    end     4  CRC-32C of everything from offset 4 up to here
 * </pre>
 * A block whose length runs past the file's end or whose CRC does not match is a torn write (a
 * crash, a full disk): reading stops there, and nothing after it in that file is trusted. Files are
 * never appended to after a restart or a failed write, so a torn block is always a file's last.
 */
final class Blocks {

    static final int MAGIC = 0x4250535A; // "ZSPB" in little-endian byte order
    static final int HEADER = 48;
    static final byte RAW = 1;
    static final byte MINUTE = 2;
    static final byte KEPT = 3;
    /** time 8, value 8, expected/lower/upper/score/severity as floats 20, flags 1. */
    static final int RAW_RECORD = 37;
    /** minute 8, count 4, min/max/sum/last 32, mean expected/lower/upper, max score/severity 20, anomalies 4. */
    static final int MINUTE_RECORD = 68;
    static final int MAX_COUNT = 1 << 16;
    static final int MAX_NAME = 100;
    static final int MAX_BLOCK = HEADER + MAX_NAME + MAX_COUNT * MINUTE_RECORD + 4;

    private Blocks() {
    }

    /** A block's header as read back, with the file offset it was read at. */
    record Header(long offset, byte kind, String name, long seq, long previous, int count, long minTime,
                  long maxTime) {

        int length() {
            return Blocks.length(kind, name.length(), count);
        }

        /** Where its records start, in the file. */
        long recordsAt() {
            return offset + HEADER + name.length();
        }

        boolean overlaps(long from, long to) {
            return maxTime >= from && minTime <= to;
        }
    }

    static int recordSize(byte kind) {
        return kind == MINUTE ? MINUTE_RECORD : RAW_RECORD;
    }

    static int length(byte kind, int nameLength, int count) {
        return HEADER + nameLength + count * recordSize(kind) + 4;
    }

    static ByteBuffer buffer(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes a header into {@code out} at its position; the records follow, then {@link #seal}. */
    static void header(ByteBuffer out, byte kind, String name, long seq, long previous, int count, long minTime,
                       long maxTime) {
        out.putInt(MAGIC).put(kind).put((byte) name.length()).putShort((short) 0).putLong(seq).putLong(previous)
                .putInt(count).putInt(0).putLong(minTime).putLong(maxTime)
                .put(name.getBytes(StandardCharsets.US_ASCII));
    }

    /** Appends the CRC of the block that starts at {@code start} and ends at the position; flips for writing. */
    static void seal(ByteBuffer out, int start) {
        CRC32C crc = new CRC32C();
        ByteBuffer body = out.duplicate().position(start + 4).limit(out.position());
        crc.update(body);
        out.putInt((int) crc.getValue());
        out.flip();
    }

    /**
     * Reads a header at {@code buf}'s position (which it leaves there), or null when the bytes there
     * are not a sane header: garbage, a torn write, or past {@code fileSize}.
     */
    static Header readHeader(ByteBuffer buf, long offset, long fileSize) {
        if (buf.remaining() < HEADER) {
            return null;
        }
        int p = buf.position();
        if (buf.getInt(p) != MAGIC) {
            return null;
        }
        byte kind = buf.get(p + 4);
        int nameLength = buf.get(p + 5) & 0xff;
        int count = buf.getInt(p + 24);
        if (kind < RAW || kind > KEPT || nameLength < 1 || nameLength > MAX_NAME || count < 1 || count > MAX_COUNT
                || buf.remaining() < HEADER + nameLength) {
            return null;
        }
        if (offset + length(kind, nameLength, count) > fileSize) {
            return null;
        }
        byte[] name = new byte[nameLength];
        buf.get(p + HEADER, name);
        return new Header(offset, kind, new String(name, StandardCharsets.US_ASCII), buf.getLong(p + 8),
                buf.getLong(p + 16), count, buf.getLong(p + 32), buf.getLong(p + 40));
    }

    /** Whether the whole block at {@code buf}'s position ({@code length} bytes) carries its own CRC. */
    static boolean intact(ByteBuffer buf, int length) {
        int p = buf.position();
        if (buf.remaining() < length) {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate().position(p + 4).limit(p + length - 4));
        return (int) crc.getValue() == buf.getInt(p + length - 4);
    }

    /** Floats keep the band and the scores compactly; NaN stays NaN. */
    static float f(double d) {
        return (float) d;
    }
}
