package dev.zscope.engine;

import dev.zscope.simulator.SimulatorSettings;
import dev.zscope.simulator.Simulators;

import dev.zscope.detection.catalog.DetectorChoice;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * The one detection engine of the server. It runs any number of named streams, each with its own
 * detector and history ({@link StreamChannel}); streams appear when first written to. It ticks
 * the simulated streams at the update interval, hands anomalies to the {@link AnomalyHandler}s
 * (the log) and feeds subscribers, whether or not anyone is watching.
 *
 * <p>Each stream has its own lock, so streams never wait for each other; subscribers never run on
 * the path that processes a point. An exception in a detector or a handler is logged with the
 * point that caused it and the stream goes on.
 */
@Service
public class DetectionEngine implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DetectionEngine.class);

    private final EngineProperties properties;
    private final List<AnomalyHandler> handlers;
    private final Clock clock;
    private final Map<String, StreamChannel> channels = new ConcurrentHashMap<>();
    private final SubscriptionHub hub = new SubscriptionHub();
    private final HeapRoom heapRoom = new HeapRoom();
    private final ScheduledExecutorService ticker;
    private final Simulators simulators;

    private final Object lifecycle = new Object();
    private volatile DetectorChoice detectorDefaults = DetectorChoice.recommended();
    private Duration updateInterval = Duration.ofMillis(200);
    private ScheduledFuture<?> tickTask;
    private volatile boolean running;
    /** Whether the simulated streams got their past ({@link #backfill()}); once per engine. */
    private boolean backfilled;
    /** Two cycles of the first simulated stream's default wave (600 points). */
    static final int BACKFILL_POINTS = 1_200;
    static final int BACKFILL_MAX_STREAMS = 100;

    @Autowired
    public DetectionEngine(EngineProperties properties, List<AnomalyHandler> handlers) {
        this(properties, handlers, Clock.systemUTC());
    }

    DetectionEngine(EngineProperties properties, List<AnomalyHandler> handlers, Clock clock) {
        this.properties = properties;
        this.handlers = List.copyOf(handlers);
        this.clock = clock;
        this.simulators = new Simulators(properties.streamName(), properties.simulatedStreams());
        channel(properties.streamName());
        simulators.names().forEach(this::channel);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zscope-engine");
            t.setDaemon(true);
            return t;
        });
    }

    /** The stream the dashboard opens on. */
    public String streamName() {
        return properties.streamName();
    }

    /** Processes the next point of {@code stream} (created if new) and returns it as subscribers see it. */
    public StreamPoint process(String stream, long epochMillis, double value, boolean injected) {
        StreamChannel c = channel(stream);
        long sequence = c.process(epochMillis, value, injected, clock.millis(), handlers);
        List<StreamPoint> out = new ArrayList<>(1);
        c.history().since(sequence, 1, out);
        return out.getFirst();
    }

    /** {@link #process(String, long, double, boolean)} on the default stream. */
    public StreamPoint process(long epochMillis, double value, boolean injected) {
        return process(properties.streamName(), epochMillis, value, injected);
    }

    /** The allocation-free path for sources: processes a point and returns nothing. */
    public void ingest(String stream, long epochMillis, double value) {
        channel(stream).process(epochMillis, value, false, clock.millis(), handlers);
    }

    /**
     * The batch path for sources: processes {@code times[from..to)} and {@code values[from..to)}
     * of one stream (created if new), oldest first, as that many {@link #ingest(String, long,
     * double)} calls would, but with one stream lookup and one lock acquisition for the whole run.
     * A source that receives points per stream (the HTTP ingest API) should use this: the stream's
     * state is then brought into the cache once per batch rather than once per point.
     *
     * @throws IllegalStateException before processing anything, when {@code stream} is new and the
     *     engine already runs its maximum of streams
     */
    public void ingest(String stream, long[] times, double[] values, int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, Math.min(times.length, values.length));
        if (from < to) {
            channel(stream).processAll(times, values, from, to, clock.millis(), handlers);
        }
    }

    /**
     * Gives every simulated stream {@link #BACKFILL_POINTS} points of past at the update interval,
     * as if it had been running: the demo opens on a chart with history and on detectors that have
     * seen a whole seasonal cycle. A detector that has not (the default learns shapes) finds the
     * wave's first trough novel: on 29 of 40 seeds it flagged a normal point within the first 1,000
     * points, and 5 times in the next 200,000. Runs on the engine's thread, so the start does not
     * wait for it; nothing of it is logged or notified ({@link StreamChannel#backfill}). Only for
     * up to {@link #BACKFILL_MAX_STREAMS} simulated streams, a demo: thousands of them are a load
     * test, whose start would otherwise spend seconds of CPU per thousand streams on a past.
     */
    void backfill() {
        if (simulators.names().size() > BACKFILL_MAX_STREAMS) {
            return;
        }
        long step = Math.max(1, updateInterval.toMillis());
        long now = clock.millis();
        for (int k = BACKFILL_POINTS; k > 0; k--) {
            long t = now - k * step;
            simulators.tick((name, sample) -> channel(name).backfill(t, sample.value(), sample.injected()));
        }
    }

    /** One tick of every simulated stream; the scheduler calls it, tests may too. */
    public void tick() {
        long now = clock.millis();
        simulators.tick((name, sample) ->
                channel(name).process(now, sample.value(), sample.injected(), now, handlers));
    }

    /**
     * Switches every stream to {@code choice} at once (and streams created later); each new
     * detector is warmed up on the history its stream holds.
     */
    public void applyDetector(DetectorChoice choice) {
        detectorDefaults = choice;
        channels.values().stream().filter(c -> !c.hasOwnDetector()).forEach(c -> c.applyDetector(choice));
    }

    /** The default detector: what every stream without one of its own runs. */
    public DetectorChoice detectorChoice() {
        return detectorDefaults;
    }

    /**
     * Gives one stream a detector of its own (created with the stream if it does not exist yet),
     * or with {@code null} returns it to the default.
     */
    public void applyDetector(String stream, DetectorChoice choice) {
        StreamChannel c = channel(stream);
        c.applyDetector(choice == null ? detectorDefaults : choice, choice != null);
    }

    /** What {@code stream} runs. */
    public DetectorChoice detectorChoice(String stream) {
        return existing(stream).detectorChoice();
    }

    /** Whether {@code stream} runs a detector of its own. */
    public boolean hasOwnDetector(String stream) {
        return existing(stream).hasOwnDetector();
    }

    /** Applies simulator knobs from the next point on (further streams get derived shapes). */
    public void applySimulator(SimulatorSettings settings) {
        simulators.apply(settings);
    }

    /** Changes how often the simulated streams produce a point. */
    public void applyUpdateInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("update interval must be positive");
        }
        synchronized (lifecycle) {
            updateInterval = interval;
            if (running && properties.simulatorEnabled()) {
                schedule();
            }
        }
    }

    /**
     * Subscribes to new points of {@code stream}, delivered in batches every {@code interval} on a
     * thread of the engine's (never the one processing points). The first batch also carries up to
     * {@code backlog} recent points, so a chart starts full without a gap or an overlap. Close the
     * returned handle to unsubscribe.
     */
    public Subscription subscribe(String stream, Duration interval, int backlog, Consumer<EngineBatch> listener) {
        StreamChannel c = existing(stream);
        return hub.subscribe(c.history(), () -> c.status(clock.millis()), interval, backlog, listener);
    }

    /** {@link #subscribe(String, Duration, int, Consumer)} on the default stream. */
    public Subscription subscribe(Duration interval, int backlog, Consumer<EngineBatch> listener) {
        return subscribe(properties.streamName(), interval, backlog, listener);
    }

    /** New points of the default stream only. */
    public Subscription subscribe(Duration interval, Consumer<EngineBatch> listener) {
        return subscribe(properties.streamName(), interval, 0, listener);
    }

    /** How many subscriptions are open; for diagnostics and leak tests. */
    public int subscriberCount() {
        return hub.size();
    }

    /** The newest {@code max} points of a stream, oldest first. */
    public List<StreamPoint> recent(String stream, int max) {
        return existing(stream).history().latest(max);
    }

    public List<StreamPoint> recent(int max) {
        return recent(properties.streamName(), max);
    }

    public StreamStatus status(String stream) {
        return existing(stream).status(clock.millis());
    }

    public StreamStatus status() {
        return status(properties.streamName());
    }

    /** Every live (not archived) stream's status, by name. */
    public List<StreamStatus> statuses() {
        long now = clock.millis();
        return channels.values().stream().filter(c -> !c.archived()).map(c -> c.status(now))
                .sorted(Comparator.comparing(StreamStatus::stream)).toList();
    }

    /** The newest {@code max} values of a stream, oldest first (e.g. for a sparkline). */
    public double[] latestValues(String stream, int max) {
        return existing(stream).latestValues(max);
    }

    /** The server clock the engine stamps arrivals with. */
    public long nowMillis() {
        return clock.millis();
    }

    public boolean exists(String stream) {
        return channels.containsKey(stream);
    }

    /** Renames a stream; its history and detector move with it. */
    public void rename(String from, String to) {
        StreamNames.require(to);
        StreamChannel c = existing(from);
        if (channels.putIfAbsent(to, c) != null) {
            throw new IllegalArgumentException("a stream called '" + to + "' already exists");
        }
        channels.remove(from, c);
        c.rename(to);
    }

    /** Hides a stream from the overview; points written to it later bring it back. */
    public void archive(String stream) {
        existing(stream).archive(true);
    }

    /** Forgets a stream's detector and history (its anomalies stay in the log). */
    public void delete(String stream) {
        if (channels.remove(existing(stream).name()) != null) {
            log.info("Stream '{}' deleted; its logged anomalies are kept", stream);
        }
    }

    private StreamChannel existing(String stream) {
        StreamChannel c = channels.get(stream);
        if (c == null) {
            throw new IllegalArgumentException("no stream called '" + stream + "'");
        }
        return c;
    }

    private StreamChannel channel(String stream) {
        StreamChannel c = channels.get(stream);
        if (c == null) {
            StreamNames.require(stream);
            if (channels.size() >= properties.maxStreams()) {
                throw new IllegalStateException("the engine already runs its maximum of "
                        + properties.maxStreams() + " streams");
            }
            if (!heapRoom.forAnotherStream()) {
                throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                        "not enough memory for another stream: %d streams and %.0f%% of the heap in use;"
                                + " give the server more (-Xmx) or keep less history per stream"
                                + " (zscope.engine.history-capacity)", channels.size(), 100 * heapRoom.usedShare()));
            }
            c = channels.computeIfAbsent(stream,
                    s -> new StreamChannel(s, detectorDefaults, properties.historyCapacity()));
        }
        if (c.archived()) {
            c.archive(false);
        }
        return c;
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
            log.error("Simulated streams failed a tick; the next one goes on", e);
        }
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            running = true;
            if (properties.simulatorEnabled()) {
                if (!backfilled) {
                    backfilled = true;
                    ticker.execute(this::backfill); // before the first tick: the ticker is one thread
                }
                schedule();
            }
        }
        log.info("Detection engine started: {} simulated stream(s), one point each every {} ms{}",
                simulators.names().size(), updateInterval.toMillis(),
                properties.simulatorEnabled() ? "" : " (simulator off)");
    }

    /** Stops the ticks; the engine can be started again (Spring may pause and resume it). */
    @Override
    public void stop() {
        synchronized (lifecycle) {
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
