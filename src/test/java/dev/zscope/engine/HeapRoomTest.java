package dev.zscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** New streams are refused only when the heap is full of live data, with one collection to find out. */
class HeapRoomTest {

    private final AtomicLong now = new AtomicLong(0);
    private final AtomicInteger collections = new AtomicInteger();

    @Test
    void belowTheLimitThereIsRoomWithoutACollection() {
        HeapRoom room = new HeapRoom(() -> 0.5, collections::incrementAndGet, now::get);
        assertThat(room.forAnotherStream()).isTrue();
        assertThat(collections).hasValue(0);
    }

    @Test
    void garbageAboveTheLimitIsCollectedAndThereIsRoom() {
        double[] used = {0.95};
        HeapRoom room = new HeapRoom(() -> used[0], () -> {
            collections.incrementAndGet();
            used[0] = 0.4;
        }, now::get);
        assertThat(room.forAnotherStream()).isTrue();
        assertThat(collections).hasValue(1);
    }

    @Test
    void liveDataAboveTheLimitRefusesAndCollectsAtMostEveryFewSeconds() {
        HeapRoom room = new HeapRoom(() -> 0.9, collections::incrementAndGet, now::get);
        assertThat(room.forAnotherStream()).isFalse();
        assertThat(room.forAnotherStream()).isFalse();
        assertThat(collections).as("a burst of new names does not collect per name").hasValue(1);
        now.addAndGet(HeapRoom.GC_INTERVAL_NANOS);
        assertThat(room.forAnotherStream()).isFalse();
        assertThat(collections).hasValue(2);
    }
}
