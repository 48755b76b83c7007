package dev.zscope.engine;

import dev.zscope.detection.Verdict;

/**
 * Receives every anomaly synchronously on the engine's thread, before any subscriber sees it.
 *
 * <p>For what must never drop an anomaly (the log). Unlike subscriptions, handlers are not
 * buffered, so they must be quick; the engine catches and logs their exceptions so that one
 * failing handler never stops the stream.
 */
@FunctionalInterface
public interface AnomalyHandler {

    /** Called for each anomalous verdict; {@code verdict} is a reused holder, copy what you keep. */
    void onAnomaly(String stream, long epochMillis, Verdict verdict);
}
