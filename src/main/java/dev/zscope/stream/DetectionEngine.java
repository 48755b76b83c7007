package dev.zscope.stream;

import dev.zscope.detection.Verdict;
import dev.zscope.detection.ZScoreDetector;
import dev.zscope.detection.ZScoreSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * The one detection engine of the server: pulls points from the simulated source at the update
 * interval, runs the detector, hands anomalies to the {@link AnomalyHandler}s (the log), keeps the
 * recent history and feeds subscribers, whether or not anyone is watching.
 *
 * <p>Points of the stream are processed one at a time under one lock (detectors are not
 * thread-safe); subscribers never run on this path. An exception in the detector or a handler is
 * logged with the point that caused it and the stream goes on.
 */
@Service
public class DetectionEngine implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DetectionEngine.class);

    private final String stream;
    private final boolean simulatorEnabled;
    private final List<AnomalyHandler> handlers;
    private final Clock clock;
    private final PointHistory history;
    private final SubscriptionHub hub;
    private final RateMeter rate = new RateMeter();
    private final Verdict verdict = new Verdict();
    private final ScheduledExecutorService ticker;

    private final Object lock = new Object();
    private ZScoreDetector detector = new ZScoreDetector(ZScoreSettings.defaults());
    private final SimulatedSource source = new SimulatedSource(SimulatorSettings.defaults());
    private Duration updateInterval = Duration.ofMillis(200);
    private ScheduledFuture<?> tickTask;
    private volatile boolean running;
    private long points;
    private long anomalies;
    private long lastPointMillis;

    @Autowired
    public DetectionEngine(EngineProperties properties, List<AnomalyHandler> handlers) {
        this(properties, handlers, Clock.systemUTC());
    }

    DetectionEngine(EngineProperties properties, List<AnomalyHandler> handlers, Clock clock) {
        this.stream = properties.streamName();
        this.simulatorEnabled = properties.simulatorEnabled();
        this.handlers = List.copyOf(handlers);
        this.clock = clock;
        this.history = new PointHistory(properties.historyCapacity());
        this.hub = new SubscriptionHub(history, this::status);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zscope-engine");
            t.setDaemon(true);
            return t;
        });
    }

    public String streamName() {
        return stream;
    }

    /**
     * Processes the stream's next point, in order: detect, record, remember. Returns the point as
     * subscribers will see it.
     */
    public StreamPoint process(long epochMillis, double value, boolean injected) {
        synchronized (lock) {
            try {
                detector.update(value, verdict);
            } catch (RuntimeException e) {
                log.error("Detector {} failed on stream {} at {} value {}; point not judged",
                        detector.name(), stream, epochMillis, value, e);
                ZScoreSettings s = detector.settings();
                verdict.learning(detector.name(), value, s.threshold(), s.window(), detector.seen(), s.warmup());
            }
            StreamPoint point = new StreamPoint(points++, epochMillis, value, verdict.mean(),
                    verdict.std(), verdict.threshold(), verdict.anomaly(), injected, verdict.learning());
            lastPointMillis = epochMillis;
            if (verdict.anomaly()) {
                anomalies++;
                notifyHandlers(epochMillis);
            }
            history.add(point);
            rate.mark(clock.millis());
            return point;
        }
    }

    private void notifyHandlers(long epochMillis) {
        for (AnomalyHandler handler : handlers) {
            try {
                handler.onAnomaly(stream, epochMillis, verdict);
            } catch (RuntimeException e) {
                log.error("Anomaly handler {} failed on stream {} at {}: {}", handler, stream,
                        epochMillis, verdict, e);
            }
        }
    }

    /**
     * Applies detector settings at once. A new window re-seeds the detector from the recent
     * history, so it does not go back to learning when the history already holds enough points.
     */
    public void applyDetector(ZScoreSettings settings) {
        synchronized (lock) {
            if (settings.window() != detector.settings().window()) {
                detector = ZScoreDetector.seeded(settings, history.latestValues(settings.window()));
            } else {
                detector.applySettings(settings);
            }
        }
    }

    public ZScoreSettings detectorSettings() {
        synchronized (lock) {
            return detector.settings();
        }
    }

    /** Applies simulator knobs from the next point on. */
    public void applySimulator(SimulatorSettings settings) {
        synchronized (lock) {
            source.apply(settings);
        }
    }

    /** Changes how often the simulated source produces a point. */
    public void applyUpdateInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("update interval must be positive");
        }
        synchronized (lock) {
            updateInterval = interval;
            if (running && simulatorEnabled) {
                schedule();
            }
        }
    }

    /** One tick of the simulated source; the scheduler calls it, tests may too. */
    public StreamPoint tick() {
        synchronized (lock) {
            SimulatedSource.Sample sample = source.next();
            return process(clock.millis(), sample.value(), sample.injected());
        }
    }

    /**
     * Subscribes to new points, delivered in batches every {@code interval} on a thread of the
     * engine's (never the engine's own). The first batch also carries up to {@code backlog} recent
     * points, so a chart can start full without a gap or an overlap between history and live
     * points. Close the returned handle to unsubscribe.
     */
    public Subscription subscribe(Duration interval, int backlog, Consumer<EngineBatch> listener) {
        return hub.subscribe(interval, backlog, listener);
    }

    /** Subscribes to new points only; see {@link #subscribe(Duration, int, Consumer)}. */
    public Subscription subscribe(Duration interval, Consumer<EngineBatch> listener) {
        return hub.subscribe(interval, 0, listener);
    }

    /** How many subscriptions are open; for diagnostics and leak tests. */
    public int subscriberCount() {
        return hub.size();
    }

    /** The newest {@code max} points, oldest first. */
    public List<StreamPoint> recent(int max) {
        return history.latest(max);
    }

    public StreamStatus status() {
        synchronized (lock) {
            ZScoreSettings s = detector.settings();
            return new StreamStatus(stream, points, rate.perSecond(clock.millis()),
                    detector.isLearning(), detector.seen(), s.warmup(), anomalies,
                    source.injectedCount(), detector.skipped(), lastPointMillis);
        }
    }

    private void schedule() {
        if (tickTask != null) {
            tickTask.cancel(false);
        }
        long micros = updateInterval.toNanos() / 1000;
        tickTask = ticker.scheduleAtFixedRate(this::safeTick, micros, micros, TimeUnit.MICROSECONDS);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.error("Simulated source failed on stream {}; the next tick goes on", stream, e);
        }
    }

    @Override
    public void start() {
        synchronized (lock) {
            running = true;
            if (simulatorEnabled) {
                schedule();
            }
        }
        log.info("Detection engine started: stream '{}', one point every {} ms{}", stream,
                updateInterval.toMillis(), simulatorEnabled ? "" : " (simulator off)");
    }

    /** Stops the ticks; the engine can be started again (Spring may pause and resume it). */
    @Override
    public void stop() {
        synchronized (lock) {
            running = false;
            if (tickTask != null) {
                tickTask.cancel(false);
                tickTask = null;
            }
        }
    }

    /** Releases the engine's threads for good when the application closes. */
    @Override
    public void destroy() {
        stop();
        ticker.shutdownNow();
        hub.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
