package dev.zscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zscope.engine.AnomalySink;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.EngineProperties;
import dev.zscope.engine.RemoteDetection;
import dev.zscope.engine.StreamStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Ingest in cluster mode, with the broker stood in by a {@link RemoteDetection} whose answer the test
 * decides: the points are handed on and counted as accepted only once acknowledged; an
 * unacknowledged write is a 503 with Retry-After after which the same points can be sent again; the
 * order check refuses before anything is handed on.
 */
class IngestClusterModeTest {

    private static final long T = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
    private final List<long[]> sent = new ArrayList<>();
    private CompletableFuture<Void> answer = CompletableFuture.completedFuture(null);
    private final RemoteDetection broker = new RemoteDetection() {
        @Override
        public CompletableFuture<Void> send(String stream, long[] times, double[] values, boolean[] injected,
                                            int from, int to, boolean backfill) {
            sent.add(java.util.Arrays.copyOfRange(times, from, to));
            return answer;
        }

        @Override
        public boolean sourcesHere() {
            return false;
        }
    };
    private final DetectionEngine engine = new DetectionEngine(EngineProperties.defaults(), AnomalySink.DISCARD,
            StreamStore.NONE, clock, broker, List.of());
    private final IngestService service = new IngestService(engine, null, clock);

    @AfterEach
    void close() {
        engine.destroy();
    }

    private PointBatch batch(long... times) {
        PointBatch b = service.newBatch(1000);
        for (long t : times) {
            b.add(t, 1.0);
        }
        return b;
    }

    @Test
    void acceptedOnceAcknowledgedAndNothingJudgedHere() {
        assertThat(service.judgesHere()).isFalse();
        assertThat(service.accept("s", batch(T, T + 1000, T + 2000))).isEqualTo(new IngestService.Accepted("s", 3));
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst()).containsExactly(T, T + 1000, T + 2000);
    }

    @Test
    void anUnacknowledgedWriteIs503WithRetryAfterAndTheSamePointsCanBeSentAgain() {
        answer = CompletableFuture.failedFuture(new TimeoutException("no broker"));
        IngestException refused = catchThrowableOfType(IngestException.class,
                () -> service.accept("s", batch(T, T + 1000)));
        assertThat(refused.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(refused.retryAfterSeconds()).isPositive();
        assertThat(refused.getMessage()).contains("not acknowledged", "no broker");

        answer = CompletableFuture.completedFuture(null);
        assertThat(service.accept("s", batch(T, T + 1000)).accepted()).isEqualTo(2);
        assertThat(sent).hasSize(2);
    }

    @Test
    void aPointOlderThanTheLatestSentIsRefusedBeforeAnythingIsSent() {
        service.accept("s", batch(T, T + 5000));
        IngestException refused = catchThrowableOfType(IngestException.class,
                () -> service.accept("s", batch(T + 1000, T + 9000)));
        assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(sent).hasSize(1);
    }
}
