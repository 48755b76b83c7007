package dev.zscope.history;

import dev.zscope.engine.PointChunk;
import java.nio.ByteBuffer;

/** The raw record ({@link Blocks#RAW_RECORD} bytes), written from an engine chunk and read back. */
final class RawRecords {

    private RawRecords() {
    }

    static void put(ByteBuffer out, PointChunk c, int i) {
        out.putLong(c.time(i)).putDouble(c.value(i)).putFloat((float) c.expected(i)).putFloat((float) c.lower(i))
                .putFloat((float) c.upper(i)).putFloat((float) c.score(i)).putFloat((float) c.severity(i))
                .put((byte) c.flags(i));
    }

    static long time(ByteBuffer b, int at) {
        return b.getLong(at);
    }

    static double value(ByteBuffer b, int at) {
        return b.getDouble(at + 8);
    }

    static double expected(ByteBuffer b, int at) {
        return b.getFloat(at + 16);
    }

    static double lower(ByteBuffer b, int at) {
        return b.getFloat(at + 20);
    }

    static double upper(ByteBuffer b, int at) {
        return b.getFloat(at + 24);
    }

    static double score(ByteBuffer b, int at) {
        return b.getFloat(at + 28);
    }

    static double severity(ByteBuffer b, int at) {
        return b.getFloat(at + 32);
    }

    static int flags(ByteBuffer b, int at) {
        return b.get(at + 36);
    }
}
