package dev.zscope.source;

import java.time.Duration;
import java.time.Instant;

/**
 * How a source is doing, for the streams page, the admin page and the metrics.
 *
 * @param name        the source
 * @param state       see {@link State}
 * @param lastPoll    Prometheus: when the last query answered; MQTT: when the last message arrived; null before
 * @param lastError   the last problem, for people (never a secret); null when there was none
 * @param lastErrorAt when it happened
 * @param lag         Prometheus: how far behind now its points are read (the delay included); MQTT: how long
 *                    the oldest message not yet written has waited; null before the first poll
 * @param streams     streams it wrote to since start
 * @param points      points it wrote since start
 * @param errors      problems since start (failed polls, refused payloads, refused writes)
 */
public record SourceHealth(String name, State state, Instant lastPoll, String lastError, Instant lastErrorAt,
                           Duration lag, int streams, long points, long errors) {

    /** A source's state at a glance. */
    public enum State {
        /** Started, nothing read yet. */
        STARTING,
        /** Its last poll or connection worked. */
        OK,
        /** Its last poll failed, or it is disconnected and reconnecting. */
        FAILING,
        /** Not running (the server is stopping, or it was removed). */
        STOPPED
    }

    public static SourceHealth starting(String name) {
        return new SourceHealth(name, State.STARTING, null, null, null, null, 0, 0, 0);
    }
}
