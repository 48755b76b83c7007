package dev.zscope.anomaly;

import static dev.zscope.anomaly.TestAnomalies.T0;
import static dev.zscope.anomaly.TestAnomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zscope.anomaly.AnomalyQuery.Direction;
import dev.zscope.anomaly.AnomalyQuery.SortField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AnomalyStoreTest {

    @Test
    void keepsTheNewestUpToItsCapacityAndDropsTheEarliest() {
        AnomalyStore store = new AnomalyStore(3);
        for (int i = 0; i < 5; i++) {
            store.add(anomaly("s", i, i, 4));
        }
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.matching(AnomalyQuery.all())).extracting(Anomaly::value).containsExactly(4.0, 3.0, 2.0);
    }

    @Test
    void growsPastItsInitialArrayAndKeepsOrderWhenWrapping() {
        AnomalyStore store = new AnomalyStore(3000);
        for (int i = 0; i < 3500; i++) {
            store.add(anomaly("s", i, i, 4));
        }
        List<Anomaly> oldestFirst = store.matching(AnomalyQuery.all().sortedBy(SortField.TIME, Direction.ASCENDING));
        assertThat(oldestFirst).hasSize(3000);
        for (int i = 0; i < 3000; i++) {
            assertThat(oldestFirst.get(i).value()).isEqualTo(500 + i);
        }
    }

    @Test
    void aResultIsASnapshotThatLaterWritesDoNotChange() {
        AnomalyStore store = new AnomalyStore(10);
        store.add(anomaly("s", 1, 1, 4));
        List<Anomaly> before = store.matching(AnomalyQuery.all());
        store.add(anomaly("s", 2, 2, 4));
        assertThat(before).hasSize(1);
        assertThat(store.matching(AnomalyQuery.all())).hasSize(2); // the cached result was not reused
        assertThatThrownBy(() -> before.add(anomaly("s", 3, 3, 3))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sortsExactlyLikeAStableComparatorSortForEveryFieldAndDirection() {
        Random random = new Random(42);
        String[] streams = {"b", "a", "ä", "B", "", "a long name", "a long nam"};
        double[] specials = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300};
        List<Anomaly> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            double value = random.nextInt(5) == 0 ? specials[random.nextInt(specials.length)]
                    : random.nextInt(50) + (random.nextBoolean() ? 0 : Math.ulp(1.0) * random.nextInt(3));
            double z = random.nextInt(4) == 0 ? specials[random.nextInt(specials.length)] : random.nextGaussian() * 5;
            Instant time = random.nextInt(3) == 0 ? T0.plusSeconds(random.nextLong(-(1L << 40), 1L << 40))
                    : T0.plusNanos(random.nextInt(2_000) * 1_000L); // many ties, and times beyond any packed key
            rows.add(new Anomaly(time, streams[random.nextInt(streams.length)], value, 0, 1, z, 3,
                    i, "d"));
        }
        AnomalyStore store = new AnomalyStore(10_000);
        rows.forEach(store::add);

        for (SortField field : SortField.values()) {
            for (Direction direction : Direction.values()) {
                AnomalyQuery query = AnomalyQuery.all().sortedBy(field, direction);
                List<Anomaly> expected = new ArrayList<>(rows);
                if (direction == Direction.DESCENDING) {
                    java.util.Collections.reverse(expected); // ties: the later recorded first
                }
                expected.sort(query.comparator());
                assertThat(store.matching(query)).as(query.toString()).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void readersSeeConsistentResultsWhileTheWriterAdds() throws Exception {
        AnomalyStore store = new AnomalyStore(1_000);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (writing.get()) {
                    List<Anomaly> rows = store.matching(AnomalyQuery.all());
                    for (int i = 1; i < rows.size(); i++) { // newest first, no gaps, no duplicates
                        assertThat(rows.get(i - 1).value() - rows.get(i).value()).isEqualTo(1.0);
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        for (int i = 0; i < 20_000; i++) {
            store.add(anomaly("s", i, i, 4));
        }
        writing.set(false);
        reader.join();
        assertThat(failure.get()).isNull();
        assertThat(store.size()).isEqualTo(1_000);
    }

    @Test
    void countsWithoutACachedResultAndWithOne() {
        AnomalyStore store = new AnomalyStore(10);
        for (int i = 0; i < 5; i++) {
            store.add(anomaly(i % 2 == 0 ? "even" : "odd", i, i, i));
        }
        AnomalyQuery since3 = AnomalyQuery.all().withTimeRange(T0.plusSeconds(3), null);
        assertThat(store.count(since3)).isEqualTo(2);
        assertThat(store.count(AnomalyQuery.all().withTimeRange(T0, null))).isEqualTo(5);
        assertThat(store.count(AnomalyQuery.all().withTimeRange(T0.plusSeconds(5), null))).isZero();
        assertThat(store.count(AnomalyQuery.all().withStream("even").withMinAbsZ(1.0))).isEqualTo(2);

        assertThat(store.matching(since3)).hasSize(2); // now cached
        assertThat(store.count(since3)).isEqualTo(2);
        store.add(anomaly("odd", 9, 9, 9));
        assertThat(store.count(since3)).isEqualTo(3); // the cached result is stale and not used
    }
}
