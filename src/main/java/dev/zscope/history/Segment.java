package dev.zscope.history;

import dev.zscope.base.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One segment file of the point store: blocks ({@link Blocks}) appended by the writer thread only,
 * read by any thread with positional reads. The file is named by the sequence number of its first
 * block, so names sort in the order files were started. In memory it keeps, per stream and block
 * kind, where that stream's newest block is and the time range of its blocks (a few dozen bytes per
 * stream), which is all a read needs to follow the stream's blocks backwards through the file.
 */
final class Segment {

    /** The two tiers, each in its own folder: every point for a while, then minute summaries. */
    enum Tier {
        RAW("raw"), MINUTE("minute");

        final String folder;

        Tier(String folder) {
            this.folder = folder;
        }
    }

    /** Where a stream's blocks of one kind are in this file. */
    record Chain(long last, long minTime, long maxTime, long blocks, boolean ordered) {
    }

    /** Sees each block a read selects, with {@code records} positioned at its first record. */
    @FunctionalInterface
    interface BlockVisitor {
        void visit(Blocks.Header header, ByteBuffer records);
    }

    static final String SUFFIX = ".zsp";

    final Tier tier;
    final Path path;
    final long firstSeq;
    private final FileChannel channel;
    private final Map<String, Chain> chains = new ConcurrentHashMap<>();
    private volatile long size;
    private volatile long lastWriteMillis;
    private volatile long lastSeq;
    private volatile boolean writable;

    private Segment(Tier tier, Path path, long firstSeq, FileChannel channel, boolean writable) {
        this.tier = tier;
        this.path = path;
        this.firstSeq = firstSeq;
        this.channel = channel;
        this.writable = writable;
        this.lastSeq = firstSeq - 1;
    }

    /** A new, empty file for appending. */
    static Segment create(Path directory, Tier tier, long firstSeq, long nowMillis) throws IOException {
        Path folder = directory.resolve(tier.folder);
        Files.createDirectories(folder);
        Path file = folder.resolve(String.format("%019d", firstSeq) + SUFFIX);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            PrivateFiles.ownerOnly(file);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(file);
            throw e;
        }
        Segment s = new Segment(tier, file, firstSeq, channel, true);
        s.lastWriteMillis = nowMillis;
        return s;
    }

    /** An existing file, read only: its good blocks are indexed, a torn tail is left alone. */
    static Segment open(Path file, Tier tier) throws IOException {
        String name = file.getFileName().toString();
        long firstSeq = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        Segment s = new Segment(tier, file, firstSeq, channel, false);
        try {
            s.size = SegmentScan.index(channel, s::indexed);
            s.lastWriteMillis = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return s;
    }

    static boolean isSegmentFile(Path file) {
        String name = file.getFileName().toString();
        return name.length() == 19 + SUFFIX.length() && name.endsWith(SUFFIX) && name.chars().limit(19)
                .allMatch(Character::isDigit);
    }

    /** Bytes of good blocks. */
    long size() {
        return size;
    }

    long lastWriteMillis() {
        return lastWriteMillis;
    }

    long lastSeq() {
        return lastSeq;
    }

    boolean writable() {
        return writable;
    }

    /** The newest block of {@code name} of {@code kind}, for the next block's back pointer; -1 when none. */
    long previous(byte kind, String name) {
        Chain c = chains.get(key(kind, name));
        return c == null ? -1 : c.last();
    }

    Chain chain(byte kind, String name) {
        return chains.get(key(kind, name));
    }

    /** Appends a sealed block (header, records, CRC) at the end; on failure the file takes no more. */
    void append(ByteBuffer block, Blocks.Header header, long nowMillis) throws IOException {
        if (!writable) {
            throw new IOException("segment " + path.getFileName() + " takes no more blocks");
        }
        long at = size;
        try {
            long position = at;
            while (block.hasRemaining()) {
                position += channel.write(block, position);
            }
        } catch (IOException | RuntimeException e) {
            writable = false; // a torn block may follow the good ones now: never append after it
            throw e;
        }
        indexed(header);
        size = at + header.length();
        lastWriteMillis = nowMillis;
    }

    private void indexed(Blocks.Header h) {
        chains.merge(key(h.kind(), h.name()), new Chain(h.offset(), h.minTime(), h.maxTime(), 1, true),
                (old, now) -> new Chain(now.last(), Math.min(old.minTime(), now.minTime()),
                        Math.max(old.maxTime(), now.maxTime()), old.blocks() + 1,
                        old.ordered() && now.minTime() >= old.maxTime()));
        lastSeq = Math.max(lastSeq, h.seq());
    }

    /** Forces what was written to the device (a crash of the machine, not only of the process). */
    void force() throws IOException {
        if (writable) {
            channel.force(false);
        }
    }

    /** Takes no more blocks (the next segment starts); what is written is forced to the device. */
    void seal() throws IOException {
        if (writable) {
            writable = false;
            channel.force(false);
        }
    }

    /**
     * Visits the blocks of {@code name} of {@code kind} whose records may fall in {@code [from, to]}
     * and whose sequence numbers are in {@code (afterSeq, beforeSeq)}, newest block first. Blocks that
     * fail their CRC are skipped. A file deleted meanwhile reads as empty.
     */
    void read(byte kind, String name, long afterSeq, long beforeSeq, long from, long to, BlockVisitor visitor)
            throws IOException {
        Chain c = chains.get(key(kind, name));
        if (c == null || c.maxTime() < from || c.minTime() > to) {
            return;
        }
        ByteBuffer head = Blocks.buffer(Blocks.HEADER + Blocks.MAX_NAME);
        ByteBuffer block = null;
        long limit = size;
        try {
            for (long at = c.last(); at >= 0; ) {
                head.clear();
                readFully(head, at, Math.min(head.capacity(), limit - at));
                head.flip();
                Blocks.Header h = Blocks.readHeader(head, at, limit);
                if (h == null || h.previous() >= at) {
                    return; // cannot happen for an indexed block, unless the file was changed under us
                }
                if (h.overlaps(from, to) && h.seq() > afterSeq && h.seq() < beforeSeq) {
                    int length = h.length();
                    block = block != null && block.capacity() >= length ? block.clear() : Blocks.buffer(length);
                    block.limit(length);
                    readFully(block, at, length);
                    block.flip();
                    if (Blocks.intact(block, length)) {
                        block.position(Blocks.HEADER + h.name().length());
                        visitor.visit(h, block);
                    }
                }
                if (c.ordered() && h.maxTime() < from) {
                    return;
                }
                at = h.previous();
            }
        } catch (ClosedChannelException deleted) {
            // dropped by retention while being read: nothing more to read here
        }
    }

    private void readFully(ByteBuffer into, long position, long length) throws IOException {
        into.limit((int) Math.min(into.limit(), into.position() + length));
        long p = position;
        while (into.hasRemaining()) {
            int n = channel.read(into, p);
            if (n < 0) {
                break;
            }
            p += n;
        }
    }

    /** Closes and removes the file (retention, the disk budget). */
    void delete() throws IOException {
        writable = false;
        channel.close();
        Files.deleteIfExists(path);
    }

    void close() throws IOException {
        seal();
        channel.close();
    }

    private static String key(byte kind, String name) {
        return kind + "/" + name;
    }
}
