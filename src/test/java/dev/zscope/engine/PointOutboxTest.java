package dev.zscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's hand-over to the point store: in order, bounded, and nothing spooled until it is opened. */
class PointOutboxTest {

    private final DetectionEngine engine = new DetectionEngine(EngineProperties.defaults(), AnomalySink.DISCARD,
            new MemoryStreamStore());

    private static List<PointOutbox.Item> drain(PointOutbox o) {
        List<PointOutbox.Item> items = new ArrayList<>();
        for (PointOutbox.Item i = o.poll(); i != null; i = o.poll()) {
            items.add(i);
        }
        return items;
    }

    @Test
    void pointsRenamesAndDeletionsArriveInTheOrderTheyHappened() {
        engine.process("a", 1, 1, false);
        PointOutbox o = engine.openPointOutbox(100_000);
        engine.process("a", 2, 2, true);
        engine.rename("a", "b");
        engine.process("b", 3, 3, false);
        engine.delete("b");
        engine.flushPoints();
        List<PointOutbox.Item> items = drain(o);
        assertThat(items).hasSize(4);
        PointChunk first = (PointChunk) items.get(0);
        assertThat(first.stream()).isEqualTo("a");
        assertThat(first.size()).as("points before the outbox opened are not spooled").isEqualTo(1);
        assertThat(first.time(0)).isEqualTo(2);
        assertThat(first.flags(0) & PointChunk.INJECTED).isNotZero();
        assertThat(items.get(1)).isEqualTo(new PointOutbox.Renamed("a", "b"));
        assertThat(((PointChunk) items.get(2)).stream()).isEqualTo("b");
        assertThat(items.get(3)).isEqualTo(new PointOutbox.Deleted("b"));
    }

    @Test
    void aFullOutboxDropsAndCountsWhileTheEngineGoesOn() {
        PointOutbox o = engine.openPointOutbox(4096);
        long[] times = new long[10_000];
        double[] values = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = i;
        }
        engine.write("s", times, values, 0, times.length);
        engine.flushPoints();
        int kept = drain(o).stream().mapToInt(i -> ((PointChunk) i).size()).sum();
        assertThat(kept + o.dropped()).isEqualTo(10_000);
        assertThat(kept).isLessThanOrEqualTo(4096);
        assertThat(engine.status("s").points()).isEqualTo(10_000);
    }

    @Test
    void chunksGrowForAFastStreamAndStaySmallForASlowOne() {
        PointOutbox o = engine.openPointOutbox(1_000_000);
        for (int i = 0; i < 5_000; i++) {
            engine.process("fast", i, i, false);
        }
        engine.process("slow", 1, 1, false);
        engine.flushPoints();
        List<PointOutbox.Item> items = drain(o);
        assertThat(items).filteredOn(i -> ((PointChunk) i).stream().equals("fast"))
                .extracting(i -> ((PointChunk) i).size()).startsWith(16, 64, 256, 1024);
        PointChunk slow = (PointChunk) items.stream().filter(i -> ((PointChunk) i).stream().equals("slow")).findFirst().orElseThrow();
        assertThat(slow.capacity()).isEqualTo(PointChunk.MIN_CAPACITY);
        items.forEach(i -> o.recycle((PointChunk) i));
        assertThat(o.pending()).isZero();
    }
}
