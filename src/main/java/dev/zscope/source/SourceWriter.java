package dev.zscope.source;

import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.StreamStatus;
import dev.zscope.ingest.IngestException;
import dev.zscope.ingest.IngestService;
import dev.zscope.ingest.PointBatch;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * How sources write: through {@link IngestService}, the HTTP API's own path, so a source's points
 * are checked, ordered, registered and kept exactly like points sent over HTTP, and a write
 * returns once the anomalies it raised are durable.
 */
@Component
public class SourceWriter {

    private final IngestService ingest;
    private final DetectionEngine engine;
    private final Clock clock;

    @Autowired
    public SourceWriter(IngestService ingest, DetectionEngine engine) {
        this(ingest, engine, Clock.systemUTC());
    }

    public SourceWriter(IngestService ingest, DetectionEngine engine, Clock clock) {
        this.ingest = ingest;
        this.engine = engine;
        this.clock = clock;
    }

    /** A write that did not happen: why, and whether the same points may be sent again later. */
    public static final class WriteException extends RuntimeException {

        private final boolean retryable;

        WriteException(String message, boolean retryable) {
            super(message, null, false, false);
            this.retryable = retryable;
        }

        /** True while the store cannot keep anomalies (nothing was written: send them again later). */
        public boolean retryable() {
            return retryable;
        }
    }

    /** The newest point a stream has: its time and value; time {@link Long#MIN_VALUE} for none. */
    public record Last(long millis, double value) {
        public static final Last NONE = new Last(Long.MIN_VALUE, Double.NaN);
    }

    /** The stream's newest point, for sources that must not write a point twice. */
    public Last last(String stream) {
        if (!engine.exists(stream)) {
            return Last.NONE;
        }
        StreamStatus s = engine.status(stream);
        return s.points() == 0 ? Last.NONE : new Last(s.lastPointMillis(), s.lastValue());
    }

    /**
     * Writes {@code times[0..n)} and {@code values[0..n)} into {@code stream}, oldest first, all or none.
     *
     * @return how many anomalies they raised
     * @throws WriteException with the API's reason when they were refused
     */
    public long write(String stream, long[] times, double[] values, int n) {
        PointBatch batch = new PointBatch(Math.max(1, n), clock.millis());
        try {
            for (int i = 0; i < n; i++) {
                batch.add(times[i], values[i]);
            }
            return ingest.write(stream, batch).anomalies();
        } catch (IngestException e) {
            boolean retry = e.status() == HttpStatus.SERVICE_UNAVAILABLE || e.status() == HttpStatus.INSUFFICIENT_STORAGE;
            throw new WriteException(e.getMessage(), retry);
        }
    }
}
