package dev.zscope.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.Consumer;

/**
 * Reads a segment file from its start, checking every block's CRC, and reports each good block's
 * header, until the end or the first block that is torn or damaged (a crash or a full disk in the
 * middle of a write). It reads the file front to back through one window of {@link #WINDOW} bytes,
 * so a file of many small blocks costs a few large reads, not one per block.
 */
final class SegmentScan {

    static final int WINDOW = 1 << 20;

    private SegmentScan() {
    }

    /** Returns the length of the good part of the file. */
    static long index(FileChannel channel, Consumer<Blocks.Header> indexed) throws IOException {
        long fileSize = channel.size();
        ByteBuffer window = Blocks.buffer(Math.max(WINDOW, Blocks.MAX_BLOCK));
        long windowAt = 0;
        window.limit(0);
        long at = 0;
        while (at < fileSize) {
            int inWindow = (int) (at - windowAt);
            if (inWindow + Blocks.HEADER + Blocks.MAX_NAME > window.limit() && windowAt + window.limit() < fileSize) {
                windowAt = at;
                inWindow = 0;
                fill(channel, window, windowAt);
            }
            window.position(inWindow);
            Blocks.Header h = Blocks.readHeader(window, at, fileSize);
            if (h == null) {
                break;
            }
            int length = h.length();
            if (inWindow + length > window.limit()) {
                windowAt = at;
                fill(channel, window, windowAt);
                window.position(0);
            }
            if (!Blocks.intact(window, length)) {
                break;
            }
            indexed.accept(h);
            at += length;
        }
        return at;
    }

    private static void fill(FileChannel channel, ByteBuffer window, long position) throws IOException {
        window.clear();
        long p = position;
        while (window.hasRemaining()) {
            int n = channel.read(window, p);
            if (n < 0) {
                break;
            }
            p += n;
        }
        window.flip();
    }
}
