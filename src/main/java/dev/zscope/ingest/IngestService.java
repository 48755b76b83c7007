package dev.zscope.ingest;

import dev.zscope.base.PointText;
import dev.zscope.anomaly.AnomalyService;
import dev.zscope.anomaly.StoreHealth;
import dev.zscope.anomaly.StoreUnavailableException;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.StreamNames;
import dev.zscope.engine.Written;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Writes a validated batch into the engine, all or nothing, and answers once the anomalies it raised
 * are durable: in {@code anomalies.csv} and the database (the durability contract of
 * {@code src/docs/ingest.md}). When they cannot be kept the answer is 507 (disk full) or 503 with
 * {@code Retry-After}, and none of them is in either store. While the store is known to fail, a write
 * is refused the same way before anything is judged, so the client can send the same batch again
 * once the store works; only a write caught by the failure itself had its points judged (re-sending
 * those is then refused as out of order, 409).
 *
 * <p><b>Out-of-order policy.</b> A stream's points must not go back in time: within a batch points
 * are applied in the order given, and each timestamp must be at or after the one before it and at
 * or after the stream's latest accepted point. Equal timestamps are fine. A point older than that
 * refuses the whole batch (409, naming the row), because the detector judges each point against the
 * ones before it: a late point would be judged against the wrong past, and the chart would draw a
 * line back in time. A point without a timestamp gets the server's time when the batch is written.
 *
 * <p>The check and the write happen under a lock per stream (striped), so two requests on one stream
 * cannot interleave and both pass the check; requests on different streams rarely share a stripe.
 * Simulated streams are written by the engine itself, outside this lock.
 *
 * <p><b>Cluster mode.</b> When the engine judges nothing itself ({@link DetectionEngine#judgesLocally}),
 * {@link #accept} checks the same things, hands the points on and answers once the broker has
 * acknowledged them ({@code acks=all}); their anomalies are not known yet. The order check then
 * covers the points this server sent and the verdicts it received; points of one stream sent to two
 * servers at once can still cross, and the detector drops the older ones (src/docs/cluster.md).
 */
@Service
public class IngestService {

    private static final int STRIPES = 64;
    /** How long a write waits for its anomalies to be kept before it answers 503. */
    static final Duration DURABLE_WITHIN = Duration.ofSeconds(30);
    private static final long RETRY_AFTER_SECONDS = 5;

    private final DetectionEngine engine;
    private final AnomalyService anomalies;
    private final Clock clock;
    private final Object[] locks = new Object[STRIPES];

    @Autowired
    public IngestService(DetectionEngine engine, AnomalyService anomalies) {
        this(engine, anomalies, Clock.systemUTC());
    }

    IngestService(DetectionEngine engine, AnomalyService anomalies, Clock clock) {
        this.engine = engine;
        this.anomalies = anomalies;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * An empty batch to parse a request into, accepting timestamps from 1970 to one day after this
     * service's clock ({@link PointBatch}'s time window).
     */
    PointBatch newBatch(int maxPoints) {
        return new PointBatch(maxPoints, clock.millis());
    }

    /** What a write did: the stream, how many points it accepted, how many anomalies they raised. */
    public record Result(String stream, int accepted, long anomalies) {
    }

    /** What a write in cluster mode did: the stream and how many points the broker acknowledged. */
    public record Accepted(String stream, int accepted) {
    }

    /** Whether writes are judged here ({@link #write}) or handed on to be judged ({@link #accept}). */
    public boolean judgesHere() {
        return engine.judgesLocally();
    }

    /**
     * Writes every point of {@code batch} into {@code stream} (created if new), or none of them.
     *
     * @throws IngestException 400 for an invalid stream name, 409 for a point older than its
     *     predecessor or the stream's latest point, 409 when the engine runs its maximum of streams,
     *     507 or 503 when the anomalies could not be kept
     */
    public Result write(String stream, PointBatch batch) {
        requireName(stream);
        int n = batch.size();
        if (n == 0) {
            return new Result(stream, 0, 0);
        }
        StoreHealth health = anomalies.health();
        if (!health.ok()) {
            throw IngestException.retryLater(health.diskFull() ? HttpStatus.INSUFFICIENT_STORAGE
                    : HttpStatus.SERVICE_UNAVAILABLE, health.diskFull() ? "Disk full" : "Anomaly store unavailable",
                    "anomalies cannot be kept right now (" + health.reason() + "); nothing was written; send the same"
                            + " points again later", RETRY_AFTER_SECONDS);
        }
        Written written = submit(stream, batch);
        awaitDurable(written);
        return new Result(stream, n, written.anomalies().size());
    }

    /**
     * Cluster mode's {@link #write}: the same checks and refusals, then the points are handed on to
     * be judged; returns once the broker has acknowledged them.
     *
     * @throws IngestException as {@link #write}, and 503 when the broker did not acknowledge them
     */
    public Accepted accept(String stream, PointBatch batch) {
        requireName(stream);
        if (batch.size() == 0) {
            return new Accepted(stream, 0);
        }
        Written written = submit(stream, batch);
        awaitAcknowledged(written);
        return new Accepted(stream, batch.size());
    }

    /** Checks the order and writes the batch under its stream's stripe lock. */
    private Written submit(String stream, PointBatch batch) {
        int n = batch.size();
        synchronized (locks[Math.floorMod(stream.hashCode(), STRIPES)]) {
            long latest = engine.latestPointMillis(stream);
            long now = clock.millis();
            long[] stamps = new long[n];
            for (int i = 0; i < n; i++) {
                long t = batch.timestamp(i) == PointBatch.SERVER_TIME ? now : batch.timestamp(i);
                if (t < latest) {
                    throw outOfOrder(i + 1, t, latest, i == 0);
                }
                stamps[i] = t;
                latest = t;
            }
            try {
                // One call for the whole batch: one stream lookup and lock instead of one per point.
                return engine.write(stream, stamps, batch.values(), 0, n);
            } catch (IllegalStateException e) {
                // The engine refuses a new stream before it processes anything: nothing was written.
                throw new IngestException(HttpStatus.CONFLICT, "Too many streams", e.getMessage()
                        + "; nothing was written");
            }
        }
    }

    /** Waits, outside the stream's lock, until the broker has acknowledged a write (cluster mode). */
    private static void awaitAcknowledged(Written written) {
        try {
            written.durable().get(DURABLE_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw IngestException.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "Broker unavailable", "the "
                    + written.accepted() + " points were not acknowledged by the Kafka cluster ("
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
                    + "); send them again later", RETRY_AFTER_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IngestException.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "Interrupted",
                    "the server is shutting down; retry later", RETRY_AFTER_SECONDS);
        }
    }

    /** Waits, outside the stream's lock, until the write's anomalies are kept. */
    private static void awaitDurable(Written written) {
        try {
            written.durable().get(DURABLE_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            boolean full = e.getCause() instanceof StoreUnavailableException s && s.diskFull();
            throw IngestException.retryLater(full ? HttpStatus.INSUFFICIENT_STORAGE : HttpStatus.SERVICE_UNAVAILABLE,
                    full ? "Disk full" : "Anomaly store unavailable", "the " + written.accepted()
                            + " points were judged, but the " + written.anomalies().size()
                            + " anomalies they raised could not be kept (" + e.getCause().getMessage()
                            + "); none of them is stored; send only newer points: these were judged",
                    RETRY_AFTER_SECONDS);
        } catch (TimeoutException e) {
            throw IngestException.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "Anomaly store slow",
                    "the anomalies of this write were not kept within " + DURABLE_WITHIN.toSeconds()
                            + " s; they may still be; retry later", RETRY_AFTER_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IngestException.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "Interrupted",
                    "the server is shutting down; retry later", RETRY_AFTER_SECONDS);
        }
    }

    /** @throws IngestException 400 when the name is not a valid stream name */
    static String requireName(String stream) {
        if (!StreamNames.isValid(stream)) {
            throw new IngestException(HttpStatus.BAD_REQUEST, "Invalid stream name", "invalid stream name '"
                    + PointText.abbreviate(String.valueOf(stream)) + "': use 1 to 100 letters, digits, "
                    + "'.', '_', '-' or ':'");
        }
        return stream;
    }

    private static IngestException outOfOrder(int row, long t, long latest, boolean againstStream) {
        String before = againstStream ? "the stream's latest point" : "the row before it";
        return new IngestException(HttpStatus.CONFLICT, "Point out of order", "row " + row + ", timestamp: "
                + Instant.ofEpochMilli(t) + " is older than " + before + " (" + Instant.ofEpochMilli(latest)
                + "); points of a stream must not go back in time; nothing was written", row, "timestamp");
    }
}
