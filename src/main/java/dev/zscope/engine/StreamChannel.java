package dev.zscope.engine;

import dev.zscope.detection.Detector;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.detection.Verdict;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream inside the engine: its detector, its recent history and its counters. Points of a
 * stream are processed one at a time under the channel's own lock, so streams never wait for each
 * other and the detector (not thread-safe) sees its points strictly in order. The hot path
 * allocates nothing unless the point is an anomaly.
 */
final class StreamChannel {

    private static final Logger log = LoggerFactory.getLogger(StreamChannel.class);

    private volatile String name;
    private final PointHistory history;
    private final RateMeter rate = new RateMeter();
    private final RecentCounts recent = new RecentCounts();
    private final Verdict verdict = new Verdict();
    private DetectorChoice choice;
    private Detector detector;
    private long anomalies;
    private long injected;
    private long lastPointMillis;
    private double lastValue = Double.NaN;
    private long lastArrivalMillis;
    private double typicalGapMillis;
    private int warmup;
    private volatile boolean archived;
    private boolean ownDetector;

    StreamChannel(String name, DetectorChoice choice, int historyCapacity) {
        this.name = name;
        this.choice = choice;
        this.detector = choice.create();
        this.history = new PointHistory(historyCapacity);
    }

    String name() {
        return name;
    }

    void rename(String newName) {
        name = newName;
    }

    boolean archived() {
        return archived;
    }

    void archive(boolean value) {
        archived = value;
    }

    PointHistory history() {
        return history;
    }

    /** Detects, tells the handlers about an anomaly, remembers; returns the point's sequence. */
    synchronized long process(long epochMillis, double value, boolean wasInjected, long nowMillis,
                              List<AnomalyHandler> handlers) {
        rate.mark(nowMillis, 1);
        return processOne(epochMillis, value, wasInjected, nowMillis, handlers);
    }

    /**
     * {@link #process} for {@code times[from..to)} and {@code values[from..to)}, all arrived at
     * {@code nowMillis}, under one acquisition of the channel's lock and of the history's: the same
     * result as that many calls, for a fraction of the locking and of the cache misses on the
     * stream's state, which is loaded once per batch instead of once per point.
     */
    synchronized void processAll(long[] times, double[] values, int from, int to, long nowMillis,
                                 List<AnomalyHandler> handlers) {
        rate.mark(nowMillis, to - from);
        synchronized (history) {
            for (int i = from; i < to; i++) {
                processOne(times[i], values[i], false, nowMillis, handlers);
            }
        }
    }

    /**
     * A point of the stream's past, supplied at start (the simulator's backfill): it trains the
     * detector and joins the history, but raises nothing: it is never an anomaly, counts towards
     * no rate or total and reaches no handler, since nobody watched it happen.
     */
    synchronized void backfill(long epochMillis, double value, boolean wasInjected) {
        Verdict verdict = this.verdict;
        try {
            detector.update(epochMillis, value, verdict);
        } catch (RuntimeException e) {
            log.error("Detector {} failed on stream {} at {} value {} (backfill)", detector.name(), name,
                    epochMillis, value, e);
            verdict.missing(detector.name(), value, Double.NaN);
        }
        if (verdict.learning()) {
            warmup = verdict.warmup();
        }
        lastPointMillis = epochMillis;
        lastValue = value;
        synchronized (history) {
            history.add(epochMillis, value, verdict.expected(), verdict.lower(), verdict.upper(),
                    verdict.score(), false, wasInjected, verdict.learning());
        }
    }

    private long processOne(long epochMillis, double value, boolean wasInjected, long nowMillis,
                            List<AnomalyHandler> handlers) {
        Verdict verdict = this.verdict;
        try {
            detector.update(epochMillis, value, verdict);
        } catch (RuntimeException e) {
            log.error("Detector {} failed on stream {} at {} value {}; point not judged",
                    detector.name(), name, epochMillis, value, e);
            verdict.missing(detector.name(), value, Double.NaN);
        }
        if (verdict.learning()) {
            warmup = verdict.warmup();
        }
        lastPointMillis = epochMillis;
        lastValue = value;
        if (lastArrivalMillis != 0) {
            long gap = Math.max(0, nowMillis - lastArrivalMillis);
            typicalGapMillis = typicalGapMillis == 0 ? gap : 0.9 * typicalGapMillis + 0.1 * gap;
        }
        lastArrivalMillis = nowMillis;
        if (wasInjected) {
            injected++;
        }
        boolean anomaly = verdict.anomaly();
        if (anomaly) {
            anomalies++;
            recent.mark(nowMillis);
            for (AnomalyHandler handler : handlers) {
                try {
                    handler.onAnomaly(name, epochMillis, verdict);
                } catch (RuntimeException e) {
                    log.error("Anomaly handler {} failed on stream {} at {}: {}", handler, name,
                            epochMillis, verdict, e);
                }
            }
        }
        return history.add(epochMillis, value, verdict.expected(), verdict.lower(), verdict.upper(),
                verdict.score(), anomaly, wasInjected, verdict.learning());
    }

    /**
     * Switches to another detector or settings. The new detector is warmed up on the history the
     * stream already holds, in order, so it does not start cold when that history is long enough;
     * the replay raises no anomalies (they were judged when they arrived).
     */
    synchronized void applyDetector(DetectorChoice next) {
        if (next.equals(choice)) {
            return;
        }
        Detector fresh = next.create();
        long[] times = history.latestTimes(Integer.MAX_VALUE);
        double[] values = history.latestValues(Integer.MAX_VALUE);
        Verdict scratch = new Verdict();
        for (int i = 0; i < values.length; i++) {
            fresh.update(times[i], values[i], scratch);
        }
        detector = fresh;
        choice = next;
    }

    synchronized DetectorChoice detectorChoice() {
        return choice;
    }

    /** Whether this stream runs a detector of its own rather than the engine's default. */
    synchronized boolean hasOwnDetector() {
        return ownDetector;
    }

    /** Gives the stream a detector of its own ({@code own}) or returns it to the defaults. */
    synchronized void applyDetector(DetectorChoice next, boolean own) {
        ownDetector = own;
        applyDetector(next);
    }

    /** The newest {@code max} values, oldest first, for a sparkline. */
    double[] latestValues(int max) {
        return history.latestValues(max);
    }

    synchronized StreamStatus status(long nowMillis) {
        return new StreamStatus(name, history.nextSequence(), rate.perSecond(nowMillis),
                detector.isLearning(), detector.seen(), warmup, anomalies, injected,
                detector.skipped(), lastPointMillis, lastValue, lastArrivalMillis,
                Math.round(typicalGapMillis), recent.lastHour(nowMillis), recent.lastDay(nowMillis));
    }
}
