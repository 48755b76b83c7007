package dev.zscope.alert;

import java.time.Instant;

/**
 * How a channel is doing, for the Channels view: failed attempts since start, the last error (no
 * secrets) and when, the last delivery that went through, and why it cannot deliver at all.
 */
public record ChannelHealth(long delivered, long failures, String lastError, Instant lastErrorAt,
                            Instant lastSuccessAt, String unavailable) {

    static final ChannelHealth NEW = new ChannelHealth(0, 0, null, null, null, null);

    ChannelHealth succeeded(Instant at) {
        return new ChannelHealth(delivered + 1, failures, lastError, lastErrorAt, at, unavailable);
    }

    ChannelHealth failed(String error, Instant at) {
        return new ChannelHealth(delivered, failures + 1, error, at, lastSuccessAt, unavailable);
    }

    ChannelHealth unavailable(String why) {
        return new ChannelHealth(delivered, failures, lastError, lastErrorAt, lastSuccessAt, why);
    }
}
