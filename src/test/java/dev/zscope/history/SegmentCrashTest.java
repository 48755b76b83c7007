package dev.zscope.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zscope.history.Segment.Tier;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash (kill -9, a full disk) can leave of a segment file: a block cut anywhere, or garbage
 * after the last good block. Opening keeps exactly the blocks before the damage, reads stop there,
 * and nothing is ever appended to a damaged file again.
 */
class SegmentCrashTest {

    @TempDir
    Path dir;

    /** Writes {@code blocks} raw blocks alternating between two streams; returns their end offsets. */
    private List<Long> write(HistoryProperties p, int blocks) throws IOException {
        SegmentStore store = new SegmentStore(p);
        store.open();
        List<Long> ends = new ArrayList<>();
        for (int k = 0; k < blocks; k++) {
            int count = 1 + k % 5;
            long base = k * 100L;
            store.write(Tier.RAW, Blocks.RAW, k % 2 == 0 ? "a" : "b", count, base, base + count - 1, 0, b -> {
                for (int i = 0; i < count; i++) {
                    b.putLong(base + i).putDouble(i).putFloat(0).putFloat(-1).putFloat(1).putFloat(0).putFloat(0).put((byte) 0);
                }
            });
            ends.add(store.bytes());
        }
        store.close();
        return ends;
    }

    @Test
    void aBlockCutAnywhereLeavesExactlyTheBlocksBeforeIt() throws IOException {
        HistoryProperties p = HistoryProperties.in(dir.resolve("store"));
        List<Long> ends = write(p, 20);
        Path file = single(p.dataDirectory().resolve("raw"));
        byte[] whole = Files.readAllBytes(file);
        assertThat((long) whole.length).isEqualTo(ends.getLast());
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 60; trial++) {
            int cut = trial < 20 ? (int) (ends.get(trial) - 1) : random.nextInt(whole.length);
            Path copy = dir.resolve("copy-" + trial).resolve("raw");
            Files.createDirectories(copy);
            Files.write(copy.resolve(file.getFileName()), java.util.Arrays.copyOf(whole, cut));
            Segment s = Segment.open(copy.resolve(file.getFileName()), Tier.RAW);
            long good = ends.stream().filter(e -> e <= cut).count();
            assertThat(s.size()).as("cut at " + cut).isEqualTo(good == 0 ? 0 : ends.get((int) good - 1));
            List<Long> times = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                s.read(Blocks.RAW, name, -1, Long.MAX_VALUE, 0, Long.MAX_VALUE, (h, b) -> times.add(h.minTime()));
            }
            assertThat(times).hasSize((int) good);
            s.close();
        }
    }

    @Test
    void garbageAfterTheLastBlockOrADamagedByteStopsTheReadThereAndIsNeverAppendedTo() throws IOException {
        HistoryProperties p = HistoryProperties.in(dir.resolve("store"));
        List<Long> ends = write(p, 10);
        Path file = single(p.dataDirectory().resolve("raw"));
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(f.length());
            f.write(new byte[] {'Z', 'S', 'P', 'B', 1, 2, 3}); // a torn header
            f.seek(ends.get(5) + 60); // inside block 7: its CRC fails
            f.write(0x55);
        }
        long sizeBefore = Files.size(file);
        SegmentStore store = new SegmentStore(p);
        store.open();
        assertThat(store.bytes()).isEqualTo(ends.get(5));
        store.write(Tier.RAW, Blocks.RAW, "a", 1, 5000, 5000, 0, b ->
                b.putLong(5000).putDouble(1).putFloat(0).putFloat(0).putFloat(0).putFloat(0).putFloat(0).put((byte) 0));
        store.close();
        assertThat(Files.size(file)).as("the damaged file is left as it was").isEqualTo(sizeBefore);
        try (var files = Files.list(p.dataDirectory().resolve("raw"))) {
            assertThat(files.count()).as("new blocks go to a new file").isEqualTo(2);
        }
    }

    private static Path single(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.getFirst();
        }
    }
}
