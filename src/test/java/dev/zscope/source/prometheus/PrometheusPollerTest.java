package dev.zscope.source.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zscope.source.MemoryCursors;
import dev.zscope.source.MemoryWriter;
import dev.zscope.source.SourceDefinition;
import dev.zscope.source.SourceHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One Prometheus source against {@link FakePrometheus}, poll by poll, on a clock the test moves: the
 * aligned steps, the catch-up after downtime in chunks, nothing twice and nothing left out across
 * failures, the series' stream names, and what its health says.
 */
class PrometheusPollerTest {

    private static final long STEP = 15_000;
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:07Z");

    private FakePrometheus prometheus;
    private final MemoryWriter writer = new MemoryWriter();
    private final MemoryCursors cursors = new MemoryCursors();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @BeforeEach
    void start() throws Exception {
        prometheus = new FakePrometheus();
        prometheus.add(Map.of("__name__", "temp", "room", "hall"), t -> Long.toString(t / STEP % 100));
        prometheus.add(Map.of("__name__", "temp", "room", "attic/north"), t -> Long.toString(t / STEP % 7));
    }

    @AfterEach
    void stop() {
        prometheus.close();
        timer.shutdownNow();
    }

    private PrometheusPoller poller(String... extra) {
        Map<String, String> f = new HashMap<>(Map.of("type", "prometheus", "url", prometheus.url(), "query", "temp",
                "step", "15s", "lookback", "5m", "delay", "30s"));
        for (int i = 0; i < extra.length; i += 2) {
            f.put(extra[i], extra[i + 1]);
        }
        SourceDefinition d = SourceDefinition.of("home", f, SourceDefinition.Origin.CONFIGURATION);
        return new PrometheusPoller(d, new PrometheusClient(PrometheusClient.newHttpClient(), d.url(), null, null),
                writer, cursors, clock, timer, Executors.newVirtualThreadPerTaskExecutor());
    }

    /** Polls until caught up. */
    private static void catchUp(PrometheusPoller poller) throws Exception {
        for (int i = 0; i < 1000 && poller.poll() == 0; i++) {
            // behind: the next chunk at once
        }
    }

    private List<Long> times(String stream) {
        return writer.points(stream).stream().map(MemoryWriter.Point::millis).toList();
    }

    /** The steps a stream must have from {@code first} to {@code last}, both included. */
    private static List<Long> steps(long first, long last) {
        return java.util.stream.LongStream.iterate(first, t -> t <= last, t -> t + STEP).boxed().toList();
    }

    private static long aligned(Instant at) {
        return Math.floorDiv(at.toEpochMilli() - 30_000, STEP) * STEP;
    }

    @Test
    void readsTheLookBackAtAlignedStepsOncePointsAreOldEnough() throws Exception {
        PrometheusPoller poller = poller();
        long wait = poller.poll();
        long newest = aligned(T0);
        assertThat(writer.streams()).containsExactlyInAnyOrder("home.temp.hall",
                dev.zscope.source.StreamNaming.name(List.of("home", "temp", "attic/north")));
        assertThat(writer.streams()).anyMatch(s -> s.matches("home\\.temp\\.attic_north-[0-9a-f]{8}"));
        assertThat(times("home.temp.hall")).containsExactlyElementsOf(steps(newest - 5 * 60_000 + STEP, newest));
        assertThat(writer.points("home.temp.hall").getFirst().value())
                .isEqualTo((double) ((newest - 5 * 60_000 + STEP) / STEP % 100));
        assertThat(wait).isEqualTo(newest + STEP + 30_000 - T0.toEpochMilli());
        assertThat(poller.health().state()).isEqualTo(SourceHealth.State.OK);
        assertThat(poller.health().streams()).isEqualTo(2);
        assertThat(poller.health().points()).isEqualTo(40);
        Map<String, String> asked = prometheus.requests().getFirst();
        assertThat(asked).containsEntry("query", "temp").containsEntry("step", "15");
    }

    @Test
    void catchesUpAfterDowntimeInChunksWithoutGapsOrRepeats() throws Exception {
        PrometheusPoller first = poller();
        first.poll();
        now = T0.plus(Duration.ofDays(3)); // Zscope was down for three days
        PrometheusPoller restarted = poller(); // a new process: the mark comes from the store
        catchUp(restarted);
        long from = aligned(T0) - 5 * 60_000 + STEP;
        assertThat(times("home.temp.hall")).containsExactlyElementsOf(steps(from, aligned(now)));
        assertThat(prometheus.requests().size()).as("three days of 15 s steps need several chunks").isGreaterThan(2);
        assertThat(restarted.poll()).isPositive(); // caught up: waits for the next step
    }

    @Test
    void aFailedPollLeavesTheMarkAndThePollAfterItWritesNothingTwice() throws Exception {
        PrometheusPoller poller = poller();
        poller.poll();
        now = now.plusSeconds(600);
        writer.failOnceFor(s -> s.startsWith("home.temp.attic")); // the hall is written, then the store fails
        assertThatThrownBy(poller::poll).hasMessageContaining("cannot be kept");
        prometheus.failWith(503); // then Prometheus is down for a while
        now = now.plusSeconds(300);
        assertThat(poller.pollRecorded()).as("backs off").isEqualTo(1000);
        assertThat(poller.pollRecorded()).as("backs off").isEqualTo(2000);
        assertThat(poller.health().lastError()).contains("HTTP 503");
        assertThat(poller.health().state()).isEqualTo(SourceHealth.State.FAILING);
        prometheus.failWith(0);
        catchUp(poller);
        long from = aligned(T0) - 5 * 60_000 + STEP;
        assertThat(times("home.temp.hall")).containsExactlyElementsOf(steps(from, aligned(now)));
        String attic = writer.streams().stream().filter(s -> s.contains("attic")).findFirst().orElseThrow();
        assertThat(times(attic)).containsExactlyElementsOf(steps(from, aligned(now)));
    }

    @Test
    void queryErrorsAreShownAndOtherSourcesUnaffected() throws Exception {
        prometheus.errorBody("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 3\"}");
        PrometheusPoller poller = poller();
        assertThatThrownBy(poller::poll).hasMessageContaining("bad_data").hasMessageContaining("parse error at char 3");
        assertThat(writer.streams()).isEmpty();
    }

    @Test
    void missingAndNonFiniteValuesAreSkippedAndRefusedSeriesReported() throws Exception {
        prometheus.add(Map.of("room", "cellar"), t -> t / STEP % 2 == 0 ? "NaN" : "+Inf");
        prometheus.add(Map.of("room", "garage"), t -> t / STEP % 3 == 0 ? null : "1");
        PrometheusPoller poller = poller();
        poller.poll();
        assertThat(writer.streams()).doesNotContain("home.cellar");
        assertThat(times("home.garage")).hasSize(13).allMatch(t -> t / STEP % 3 != 0);
    }

    @Test
    void aChangedQueryStartsFromItsLookBack() throws Exception {
        poller().poll();
        now = now.plusSeconds(3600);
        PrometheusPoller changed = poller("query", "temp > 0");
        changed.poll();
        // the new query's mark starts an hour back, but the streams take nothing they have
        assertThat(times("home.temp.hall")).doesNotHaveDuplicates().isSorted();
        assertThat(times("home.temp.hall").getLast()).isEqualTo(aligned(now));
    }
}
