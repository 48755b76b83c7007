package dev.zscope.stream;

import dev.zscope.detection.Verdict;
import dev.zscope.detection.ZScoreDetector;
import dev.zscope.detection.ZScoreSettings;
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
    private final Verdict verdict = new Verdict();
    private ZScoreDetector detector;
    private long anomalies;
    private long injected;
    private long lastPointMillis;
    private double lastValue = Double.NaN;
    private long lastArrivalMillis;
    private double typicalGapMillis;
    private final RecentCounts recent = new RecentCounts();
    private volatile boolean archived;

    StreamChannel(String name, ZScoreSettings settings, int historyCapacity) {
        this.name = name;
        this.detector = new ZScoreDetector(settings);
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
        try {
            detector.update(value, verdict);
        } catch (RuntimeException e) {
            log.error("Detector {} failed on stream {} at {} value {}; point not judged",
                    detector.name(), name, epochMillis, value, e);
            ZScoreSettings s = detector.settings();
            verdict.learning(detector.name(), value, s.threshold(), s.window(), detector.seen(), s.warmup());
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
        if (verdict.anomaly()) {
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
        rate.mark(nowMillis);
        return history.add(epochMillis, value, verdict.mean(), verdict.std(), verdict.threshold(),
                verdict.anomaly(), wasInjected, verdict.learning());
    }

    /**
     * Applies detector settings. A new window re-seeds the detector from the recent history, so it
     * does not go back to learning when the history already holds enough points.
     */
    synchronized void applyDetector(ZScoreSettings settings) {
        if (settings.window() != detector.settings().window()) {
            detector = ZScoreDetector.seeded(settings, history.latestValues(settings.window()));
        } else {
            detector.applySettings(settings);
        }
    }

    /** The newest {@code max} values, oldest first, for a sparkline. */
    double[] latestValues(int max) {
        return history.latestValues(max);
    }

    synchronized ZScoreSettings detectorSettings() {
        return detector.settings();
    }

    synchronized StreamStatus status(long nowMillis) {
        ZScoreSettings s = detector.settings();
        return new StreamStatus(name, history.nextSequence(), rate.perSecond(nowMillis),
                detector.isLearning(), detector.seen(), s.warmup(), anomalies, injected,
                detector.skipped(), lastPointMillis, lastValue, lastArrivalMillis,
                Math.round(typicalGapMillis), recent.lastHour(nowMillis), recent.lastDay(nowMillis));
    }
}
