package dev.zscope.history;

import dev.zscope.history.Segment.Tier;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment files of both tiers: opening them at start, appending blocks to the newest one of a
 * tier (starting another when it is full or old), and dropping old files for retention and for the
 * disk budget. Appends, rolls and drops run on the writer thread; reads take a snapshot of the
 * segment lists from any thread.
 */
final class SegmentStore {

    private static final Logger log = LoggerFactory.getLogger(SegmentStore.class);
    /** A raw segment spans at most an hour of writes, a minute segment a day: retention drops whole files. */
    private static final Map<Tier, Long> SPAN = Map.of(Tier.RAW, 3_600_000L, Tier.MINUTE, 86_400_000L);

    private final HistoryProperties properties;
    private final Map<Tier, List<Segment>> segments = new EnumMap<>(Tier.class);
    private final Map<Tier, Long> activeSince = new EnumMap<>(Tier.class);
    private final NameHistory names;
    private ByteBuffer block = Blocks.buffer(1 << 16);
    private long nextSeq;

    SegmentStore(HistoryProperties properties) {
        this.properties = properties;
        for (Tier t : Tier.values()) {
            segments.put(t, new CopyOnWriteArrayList<>());
        }
        names = new NameHistory(properties.dataDirectory().resolve("names.log"));
    }

    /** Indexes the files there are (read only from now on: new blocks go to new files). */
    void open() throws IOException {
        long oldest = Long.MAX_VALUE;
        for (Tier tier : Tier.values()) {
            Path folder = properties.dataDirectory().resolve(tier.folder);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> list = Files.newDirectoryStream(folder, Segment::isSegmentFile)) {
                list.forEach(files::add);
            }
            files.sort(null);
            for (Path f : files) {
                try {
                    Segment s = Segment.open(f, tier);
                    segments.get(tier).add(s);
                    nextSeq = Math.max(nextSeq, s.lastSeq() + 1);
                    oldest = Math.min(oldest, s.firstSeq);
                    if (s.size() < Files.size(f)) {
                        log.warn("Point store file {} ends in {} bytes of an unfinished write (a crash or a full"
                                + " disk); its {} good bytes are kept", f, Files.size(f) - s.size(), s.size());
                    }
                } catch (IOException | RuntimeException e) {
                    log.warn("Point store file {} cannot be read and is left alone: {}", f, e.toString());
                }
            }
            nextSeq = Math.max(nextSeq, files.stream().mapToLong(f -> firstSeq(f) + 1).max().orElse(0));
        }
        names.load(oldest == Long.MAX_VALUE ? nextSeq : oldest);
    }

    private static long firstSeq(Path f) {
        String n = f.getFileName().toString();
        return Long.parseLong(n.substring(0, n.length() - Segment.SUFFIX.length()));
    }

    NameHistory names() {
        return names;
    }

    /** A sequence number for an event (a rename, a deletion) between blocks. */
    long takeSeq() {
        return nextSeq++;
    }

    /**
     * Appends one block of {@code count} records of {@code kind} for {@code name}; {@code records}
     * puts them. On failure the tier's file takes no more blocks and the next write starts another.
     */
    void write(Tier tier, byte kind, String name, int count, long minTime, long maxTime, long nowMillis,
               Consumer<ByteBuffer> records) throws IOException {
        int length = Blocks.length(kind, name.length(), count);
        Segment s = active(tier, length, nowMillis);
        if (block.capacity() < length) {
            block = Blocks.buffer(Math.max(length, block.capacity() * 2));
        }
        block.clear();
        long seq = nextSeq;
        long offset = s.size();
        Blocks.header(block, kind, name, seq, s.previous(kind, name), count, minTime, maxTime);
        records.accept(block);
        if (block.position() != length - 4) {
            throw new IllegalStateException("block of " + count + " records is " + block.position() + " bytes");
        }
        Blocks.seal(block, 0);
        s.append(block, new Blocks.Header(offset, kind, name, seq, s.previous(kind, name), count, minTime, maxTime),
                nowMillis);
        nextSeq++;
    }

    private Segment active(Tier tier, int length, long nowMillis) throws IOException {
        List<Segment> list = segments.get(tier);
        Segment last = list.isEmpty() ? null : list.getLast();
        boolean usable = last != null && last.writable() && last.size() + length <= properties.segmentBytes()
                && nowMillis - activeSince.getOrDefault(tier, nowMillis) < SPAN.get(tier);
        if (usable) {
            return last;
        }
        if (last != null && last.writable()) {
            last.seal();
        }
        Segment s = Segment.create(properties.dataDirectory(), tier, nextSeq, nowMillis);
        list.add(s);
        activeSince.put(tier, nowMillis);
        return s;
    }

    /** Forces the files being written to the device. */
    void force() throws IOException {
        for (List<Segment> list : segments.values()) {
            if (!list.isEmpty()) {
                list.getLast().force();
            }
        }
    }

    /** After a failed write: the tiers' files take no more blocks; the next write starts new ones. */
    void sealAll() {
        for (List<Segment> list : segments.values()) {
            for (Segment s : list) {
                try {
                    s.seal();
                } catch (IOException e) {
                    log.debug("Could not seal {}", s.path, e);
                }
            }
        }
    }

    /**
     * Drops whole files past their tier's retention, then the oldest files while the store is over
     * its budget: raw ones first (summaries stay longer), never the file being written unless it is
     * the only one left. Returns the bytes the store takes afterwards.
     */
    long maintain(long nowMillis) {
        drop(Tier.RAW, s -> s.lastWriteMillis() < nowMillis - properties.rawRetention().toMillis());
        drop(Tier.MINUTE, s -> s.lastWriteMillis() < nowMillis - properties.rollupRetention().toMillis());
        long budget = properties.maxDiskSize().toBytes();
        while (bytes() > budget) {
            Segment victim = oldest(Tier.RAW, false);
            victim = victim != null ? victim : oldest(Tier.MINUTE, false);
            victim = victim != null ? victim : oldest(Tier.RAW, true);
            victim = victim != null ? victim : oldest(Tier.MINUTE, true);
            if (victim == null) {
                break;
            }
            log.info("Point store over its budget of {} MB: dropping {} ({} MB, {})", budget >> 20,
                    victim.path.getFileName(), victim.size() >> 20, victim.tier.folder);
            delete(victim);
        }
        return bytes();
    }

    private void drop(Tier tier, java.util.function.Predicate<Segment> expired) {
        for (Segment s : List.copyOf(segments.get(tier))) {
            if (expired.test(s)) {
                delete(s);
            }
        }
    }

    private Segment oldest(Tier tier, boolean evenActive) {
        List<Segment> list = segments.get(tier);
        for (Segment s : list) {
            if (evenActive || !s.writable()) {
                return s;
            }
        }
        return null;
    }

    private void delete(Segment s) {
        segments.get(s.tier).remove(s);
        try {
            s.delete();
        } catch (IOException e) {
            log.warn("Could not delete point store file {}: {}", s.path, e.toString());
        }
    }

    long bytes() {
        long sum = 0;
        for (List<Segment> list : segments.values()) {
            for (Segment s : list) {
                sum += s.size();
            }
        }
        return sum;
    }

    /** The tier's files, oldest first, as they are now (for a read). */
    List<Segment> segments(Tier tier) {
        return List.copyOf(segments.get(tier));
    }

    int fileCount() {
        return segments.values().stream().mapToInt(List::size).sum();
    }

    void close() {
        for (List<Segment> list : segments.values()) {
            for (Segment s : list) {
                try {
                    s.close();
                } catch (IOException e) {
                    log.warn("Could not close point store file {}: {}", s.path, e.toString());
                }
            }
        }
    }
}
