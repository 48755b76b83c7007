package dev.zscope.source;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A runner's shared bookkeeping: its last problem and counters, updated from its own threads and
 * read by anyone; messages are cut to {@value #MAX_MESSAGE} characters, since they come from
 * remote servers and payloads.
 */
public final class SourceProblems {

    static final int MAX_MESSAGE = 300;

    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong points = new AtomicLong();

    public void error(String message, Instant at) {
        String m = message == null ? "unknown error" : message.strip();
        lastError = m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE) + "…";
        lastErrorAt = at;
        errors.incrementAndGet();
    }

    public void wrote(int n) {
        points.addAndGet(n);
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    public long errors() {
        return errors.get();
    }

    public long points() {
        return points.get();
    }
}
