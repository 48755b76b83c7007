package dev.zscope.engine;

import dev.zscope.detection.StreamHints;
import dev.zscope.detection.catalog.DetectorChoice;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Service;

/**
 * The one detection engine of the server. It runs any number of named streams, each with its own
 * detector and history ({@link StreamChannel}); streams appear when first written to and are kept
 * in the {@link StreamStore} with their detector state, so a restart goes on judging where it
 * stopped. Sources (the simulator, the HTTP API) write points in; anomalies go to the
 * {@link AnomalySink} (the store) and to the engine-wide feed; subscribers get points and
 * anomalies in batches, whether or not anyone is watching.
 *
 * <p>Each stream has its own lock, so streams never wait for each other; subscribers never run on
 * the path that processes a point. An exception in a detector is logged with the point that caused
 * it and the stream goes on.
 *
 * <p>In cluster mode ({@link RemoteDetection}) the engine judges nothing itself: points written
 * into it are sent on to be judged elsewhere, and what it shows comes back as {@link #judged}
 * verdicts and {@link #announce announced} anomalies.
 */
@Service
@DependsOnDatabaseInitialization
public class DetectionEngine implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DetectionEngine.class);

    private final EngineProperties properties;
    private final AnomalySink sink;
    private final StreamStore store;
    private final Clock clock;
    private final Map<String, StreamChannel> channels = new ConcurrentHashMap<>();
    private final SubscriptionHub hub = new SubscriptionHub();
    private final AnomalyFeed feed;
    private final HeapRoom heapRoom = new HeapRoom();
    private final List<AnomalyListener> listeners = new CopyOnWriteArrayList<>();
    private volatile DetectorChoice detectorDefaults = DetectorChoice.recommended();
    /** Where judged points go for the point store; null until one {@link #openPointOutbox opens} it. */
    private volatile PointOutbox outbox;
    /** Where points go to be judged in cluster mode; null when this engine judges them itself. */
    private final RemoteDetection remote;
    private final List<AnomalyObserver> observers;

    @Autowired
    public DetectionEngine(EngineProperties properties, AnomalySink sink, StreamStore store,
                           ObjectProvider<RemoteDetection> remote, ObjectProvider<AnomalyObserver> observers) {
        this(properties, sink, store, Clock.systemUTC(), remote.getIfAvailable(), observers.orderedStream().toList());
    }

    public DetectionEngine(EngineProperties properties, AnomalySink sink, StreamStore store) {
        this(properties, sink, store, Clock.systemUTC());
    }

    public DetectionEngine(EngineProperties properties, AnomalySink sink, StreamStore store, Clock clock) {
        this(properties, sink, store, clock, null, List.of());
    }

    /**
     * Loads every stored stream with its counters and, where it matches, its detector state.
     *
     * @param remote    where points are judged in cluster mode; null to judge them here
     * @param observers called once per anomaly once it is durable (single-server mode only)
     */
    public DetectionEngine(EngineProperties properties, AnomalySink sink, StreamStore store, Clock clock,
                           RemoteDetection remote, List<AnomalyObserver> observers) {
        this.properties = properties;
        this.sink = sink;
        this.store = store;
        this.clock = clock;
        this.remote = remote;
        this.observers = List.copyOf(observers);
        this.feed = new AnomalyFeed(properties.feedCapacity());
        long start = System.nanoTime();
        List<StreamStore.Stored> stored = store.loadAll();
        Map<String, byte[]> states = store.loadStates();
        Map<String, AnomalySink.Counts> counts = stored.isEmpty() ? Map.of() : sink.countsByStream(clock.millis());
        long now = clock.millis();
        for (StreamStore.Stored s : stored) {
            AnomalySink.Counts c = counts.getOrDefault(s.name(), AnomalySink.Counts.NONE);
            StreamChannel channel = StreamChannel.restored(s, detectorDefaults, states.get(s.name()), c.total(),
                    properties.historyCapacity(), remote != null);
            channel.seedRecent(c.lastHour(), c.lastDay(), now);
            channels.put(s.name(), channel);
        }
        if (!stored.isEmpty()) {
            log.info("Restored {} streams ({} with detector state) in {} ms", stored.size(), states.size(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * Writes {@code times[from..to)} and {@code values[from..to)} into {@code stream} (created if
     * new), oldest first, under one lock acquisition. The result's future completes when the
     * anomalies they raised are durable.
     *
     * @throws IllegalStateException before processing anything, when {@code stream} is new and the
     *     engine already runs its maximum of streams, or the heap has no room for another
     */
    public Written write(String stream, long[] times, double[] values, int from, int to) {
        Objects.checkFromToIndex(from, to, Math.min(times.length, values.length));
        StreamChannel c = channel(stream);
        if (from == to) {
            return new Written(stream, 0, List.of(), CompletableFuture.completedFuture(null));
        }
        if (remote != null) {
            long newest = times[to - 1];
            long previous = c.sent(newest);
            CompletableFuture<Void> kept = remote.send(stream, times, values, null, from, to, false);
            kept.whenComplete((ok, failure) -> {
                if (failure != null) {
                    c.sendFailed(newest, previous);
                }
            });
            return new Written(stream, to - from, List.of(), kept);
        }
        return c.processAll(times, values, from, to, clock.millis(), this::emit);
    }

    /**
     * Processes one point of {@code stream} (created if new) and returns it as subscribers see it;
     * its anomaly, if any, is recorded without waiting. For sources that do not acknowledge writes.
     */
    public StreamPoint process(String stream, long epochMillis, double value, boolean injected) {
        StreamChannel c = channel(stream);
        if (remote != null) {
            sendOne(c, epochMillis, value, injected, false);
            return new StreamPoint(-1, epochMillis, value, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, false,
                    injected, false);
        }
        long sequence = c.process(epochMillis, value, injected, clock.millis(), this::emit);
        List<StreamPoint> out = new ArrayList<>(1);
        c.history().since(sequence, 1, out);
        return out.getFirst();
    }

    /** Makes sure {@code stream} exists (a source announcing its streams before their first point). */
    public void open(String stream) {
        channel(stream);
    }

    /**
     * A point of the past of {@code stream} (created if new): it trains the detector and joins the
     * history, but raises nothing (see {@link StreamChannel#backfill}).
     */
    public void backfill(String stream, long epochMillis, double value, boolean injected) {
        if (remote != null) {
            sendOne(channel(stream), epochMillis, value, injected, true);
            return;
        }
        channel(stream).backfill(epochMillis, value, injected);
    }

    /** Sends one point of a source that does not wait; a failure is logged (the source goes on). */
    private void sendOne(StreamChannel c, long epochMillis, double value, boolean injected, boolean backfill) {
        c.sent(epochMillis);
        remote.send(c.name(), new long[] {epochMillis}, new double[] {value}, new boolean[] {injected}, 0, 1, backfill)
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        log.warn("A point of stream '{}' could not be sent to be judged: {}", c.name(),
                                failure.getMessage());
                    }
                });
    }

    /**
     * Where every anomaly goes: the store, then, once it is kept there, the feed, so views never
     * announce an anomaly the store refused. Called under the stream's lock: the order found is the
     * order kept.
     */
    private CompletableFuture<Void> emit(List<Anomaly> anomalies) {
        long verdictMillis = clock.millis();
        CompletableFuture<Void> durable = sink.record(anomalies);
        durable.thenRun(() -> {
            feed.add(anomalies);
            tell(anomalies, verdictMillis);
            observe(anomalies);
        });
        return durable;
    }

    private void tell(List<Anomaly> anomalies, long verdictMillis) {
        for (AnomalyListener l : listeners) {
            try {
                l.kept(anomalies, verdictMillis);
            } catch (RuntimeException e) {
                log.error("Anomaly listener {} failed; it stays registered", l, e);
            }
        }
    }

    private void observe(List<Anomaly> anomalies) {
        for (AnomalyObserver o : observers) {
            try {
                o.observe(anomalies);
            } catch (RuntimeException e) {
                log.error("Anomaly observer {} failed on {} anomalies", o, anomalies.size(), e);
            }
        }
    }

    /**
     * Tells {@code listener} of every anomaly once the store has kept it, with the engine's clock at
     * its verdict; it runs on the store's thread and must only enqueue. Close the handle to stop.
     */
    public Subscription listen(AnomalyListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return new Subscription() {
            @Override
            public long dropped() {
                return 0;
            }

            @Override
            public void close() {
                listeners.remove(listener);
            }
        };
    }

    /** Whether this engine judges points itself (single-server mode) rather than sending them on. */
    public boolean judgesLocally() {
        return remote == null;
    }

    /**
     * Whether sources that produce points by themselves (the simulator, pull sources) should run
     * here: always in single-server mode, on one node of a cluster.
     */
    public boolean sourcesHere() {
        return remote == null || remote.sourcesHere();
    }

    /**
     * The time a new point of {@code stream} must not be older than (its latest point, or in cluster
     * mode the newer of its latest verdict and the latest point sent from here);
     * {@link Long#MIN_VALUE} for a stream without points or one that does not exist.
     */
    public long latestPointMillis(String stream) {
        StreamChannel c = channels.get(stream);
        return c == null ? Long.MIN_VALUE : c.latestPointMillis();
    }

    /**
     * A point of {@code stream} (created if new) judged elsewhere (cluster mode): it joins the
     * history subscribers see and sets the stream's status.
     *
     * @throws IllegalStateException when the stream is new and the engine has no room for it
     */
    public void judged(String stream, Judged point) {
        channel(stream).judged(point, clock.millis());
    }

    /**
     * Anomalies found elsewhere (cluster mode) and now kept in this server's store: they reach the
     * engine-wide feed and count in their streams' totals, as anomalies found here do.
     */
    public void announce(List<Anomaly> anomalies) {
        if (anomalies.isEmpty()) {
            return;
        }
        long now = clock.millis();
        Map<String, Integer> byStream = new java.util.HashMap<>();
        anomalies.forEach(a -> byStream.merge(a.stream(), 1, Integer::sum));
        byStream.forEach((stream, count) -> {
            StreamChannel c = channels.get(stream);
            if (c != null) {
                c.announced(count, now);
            }
        });
        feed.add(anomalies);
    }

    /**
     * Switches every stream to {@code choice} at once (and streams created later), except streams
     * with a detector of their own; each new detector is warmed up on the history its stream holds.
     */
    public void applyDetector(DetectorChoice choice) {
        detectorDefaults = Objects.requireNonNull(choice, "choice");
        channels.values().stream().filter(c -> !c.hasOwnDetector()).forEach(c -> c.applyDetector(choice, false));
    }

    /** The default detector: what every stream without one of its own runs. */
    public DetectorChoice detectorChoice() {
        return detectorDefaults;
    }

    /**
     * Gives an existing stream a detector of its own, or with {@code null} returns it to the
     * default; kept across restarts.
     */
    public void applyDetector(String stream, DetectorChoice choice) {
        StreamChannel c = existing(stream);
        c.applyDetector(choice == null ? detectorDefaults : choice, choice != null);
        store.ownDetector(stream, choice);
    }

    /**
     * Gives an existing stream hints (its value range, its time scale in points), or with {@link
     * StreamHints#none()} takes them away; kept across restarts. A detector that takes hints starts
     * over with them, warmed up on the history the stream holds.
     */
    public void applyHints(String stream, StreamHints hints) {
        existing(stream).applyHints(hints);
        store.hints(stream, hints);
    }

    /** The hints {@code stream} runs with. */
    public StreamHints hints(String stream) {
        return existing(stream).hints();
    }

    /** Accepts the current behaviour of {@code stream} as its new normal (see {@code Detector.rebaseline}). */
    public void rebaseline(String stream) {
        existing(stream).rebaseline();
        log.info("Stream '{}' re-baselined: its current level is its new normal", stream);
    }

    /** What {@code stream} runs. */
    public DetectorChoice detectorChoice(String stream) {
        return existing(stream).detectorChoice();
    }

    /** Whether {@code stream} runs a detector of its own. */
    public boolean hasOwnDetector(String stream) {
        return existing(stream).hasOwnDetector();
    }

    /**
     * Subscribes to new points of {@code stream}, delivered in batches every {@code interval} on a
     * thread of the engine's (never the one processing points). The first batch also carries up to
     * {@code backlog} recent points, so a chart starts full without a gap or an overlap. Close the
     * returned handle to unsubscribe.
     */
    public Subscription subscribe(String stream, Duration interval, int backlog, Consumer<EngineBatch> listener) {
        StreamChannel c = existing(stream);
        return hub.subscribe(c.history(), interval, backlog,
                (points, lost) -> new EngineBatch(points, lost, c.status(clock.millis())), listener);
    }

    /**
     * Subscribes to the engine-wide feed: the anomalies found on any stream from now on, delivered
     * in batches every {@code interval} on a thread of the engine's. Close the handle to unsubscribe.
     */
    public Subscription subscribeFeed(Duration interval, Consumer<FeedBatch> listener) {
        return hub.subscribe(feed, interval, 0, FeedBatch::new, listener);
    }

    /**
     * A browser's subscription: the engine-wide feed plus the points of the stream it
     * {@link LiveSubscription#follow follows}, one delivery per {@code interval} (and at least one per
     * {@code heartbeat}), on a thread of the engine's. Close the handle to unsubscribe.
     */
    public LiveSubscription subscribeLive(Duration interval, Duration heartbeat, Consumer<LiveBatch> listener) {
        return hub.subscribeLive(feed, name -> {
            StreamChannel c = channels.get(name);
            return c == null ? null : new SubscriptionHub.StreamHandle(c.name(), c.history(),
                    () -> c.status(clock.millis()));
        }, interval, heartbeat, listener);
    }

    /** Receives one stream's totals; see {@link #visitCounts}. */
    @FunctionalInterface
    public interface CountVisitor {
        void visit(String stream, long points, long anomalies);
    }

    /**
     * Hands every stream's totals (points and anomalies processed, kept across restarts) to
     * {@code visitor}, one stream at a time under that stream's lock only: for the metrics, which
     * read them at every scrape, so no point pays for being counted.
     */
    public void visitCounts(CountVisitor visitor) {
        channels.values().forEach(c -> c.counts(visitor));
    }

    /** The detector states of all streams as last saved or restored, in bytes. */
    public long stateBytes() {
        long sum = 0;
        for (StreamChannel c : channels.values()) {
            sum += c.stateBytes();
        }
        return sum;
    }

    /** How many streams the engine runs, archived ones included. */
    public int streamCount() {
        return channels.size();
    }

    /**
     * How many points and anomalies subscribers (browser tabs, the notifier) lost since start
     * because they fell further behind than the engine's rings hold.
     */
    public long droppedUpdates() {
        return hub.droppedTotal();
    }

    /** How many subscriptions are open; for diagnostics and leak tests. */
    public int subscriberCount() {
        return hub.size();
    }

    /** The newest {@code max} points of a stream, oldest first. */
    public List<StreamPoint> recent(String stream, int max) {
        return existing(stream).history().latest(max);
    }

    public StreamStatus status(String stream) {
        return existing(stream).status(clock.millis());
    }

    /** Every live (not archived) stream's status, by name. */
    public List<StreamStatus> statuses() {
        long now = clock.millis();
        return channels.values().stream().filter(c -> !c.archived()).map(c -> c.status(now))
                .sorted(Comparator.comparing(StreamStatus::stream)).toList();
    }

    /** The live stream created first (the one a dashboard opens on), if there is any. */
    public java.util.Optional<String> firstStream() {
        return channels.values().stream().filter(c -> !c.archived())
                .min(Comparator.comparingLong(StreamChannel::createdMillis).thenComparing(StreamChannel::name))
                .map(StreamChannel::name);
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

    /** Renames a stream; its history, detector and saved state move with it. */
    public void rename(String from, String to) {
        StreamNames.require(to);
        StreamChannel c = existing(from);
        synchronized (c) {
            if (channels.putIfAbsent(to, c) != null) {
                throw new IllegalArgumentException("a stream called '" + to + "' already exists");
            }
            try {
                store.rename(from, to); // a store may refuse (cluster mode): then nothing changed
            } catch (RuntimeException e) {
                channels.remove(to, c);
                throw e;
            }
            channels.remove(from, c);
            c.rename(to);
        }
    }

    /** Hides a stream from the overview; points written to it later bring it back. */
    public void archive(String stream) {
        existing(stream).archive(true);
        store.archive(stream, true);
    }

    /** Forgets a stream's detector, history and saved state (its anomalies stay in the log). */
    public void delete(String stream) {
        StreamChannel c = existing(stream);
        boolean removed;
        synchronized (c) { // no point of it is judged between its removal and the store hearing of it
            removed = channels.remove(c.name(), c);
            if (removed) {
                c.deleted();
            }
        }
        if (removed) {
            store.delete(stream);
            log.info("Stream '{}' deleted; its logged anomalies are kept", stream);
        }
    }

    /** Saves the detector state and counters of every stream that changed since its last save. */
    public void saveStates() {
        long start = System.nanoTime();
        List<StreamStore.Snapshot> changed = new ArrayList<>();
        for (StreamChannel c : channels.values()) {
            StreamStore.Snapshot s = c.snapshotIfChanged();
            if (s != null) {
                changed.add(s);
            }
        }
        if (!changed.isEmpty()) {
            store.saveStates(changed);
            long bytes = changed.stream().mapToLong(s -> s.state() == null ? 0 : s.state().length).sum();
            log.debug("Saved {} detector states ({} bytes) in {} ms", changed.size(), bytes,
                    (System.nanoTime() - start) / 1_000_000);
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
            c = create(stream);
        }
        if (c.archived()) {
            c.archive(false);
            store.archive(c.name(), false);
        }
        return c;
    }

    /**
     * From now on, every judged point of every stream (and every rename and deletion) is handed to
     * the returned outbox, which holds at most {@code maxPoints} not yet taken; for the point store,
     * which calls this once at start. Until then points are not spooled at all.
     */
    public synchronized PointOutbox openPointOutbox(long maxPoints) {
        if (outbox != null) {
            throw new IllegalStateException("the point outbox is already open");
        }
        PointOutbox o = new PointOutbox(maxPoints);
        channels.values().forEach(c -> c.spoolTo(o));
        outbox = o;
        return o;
    }

    /**
     * Hands every stream's spooled points to the outbox, full chunk or not, so the point store can
     * write them; it calls this at its flush interval. Takes each stream's lock briefly.
     */
    public void flushPoints() {
        channels.values().forEach(StreamChannel::flushSpool);
    }

    private synchronized StreamChannel create(String stream) {
        StreamChannel c = channels.get(stream);
        if (c != null) {
            return c;
        }
        StreamNames.require(stream);
        if (channels.size() >= properties.maxStreams()) {
            throw new IllegalStateException("the engine already runs its maximum of "
                    + properties.maxStreams() + " streams");
        }
        if (!heapRoom.forAnotherStream()) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "not enough memory for another stream: %d streams and %.0f%% of the heap in use;"
                            + " give the server more (-Xmx) or keep less history per stream"
                            + " (zscope.engine.history-capacity)", channels.size(), 100 * heapRoom.usedShare()));
        }
        long now = clock.millis();
        store.insert(stream, now);
        c = new StreamChannel(stream, now, detectorDefaults, properties.historyCapacity(), remote != null);
        if (outbox != null) {
            c.spoolTo(outbox);
        }
        channels.put(stream, c);
        return c;
    }

    /** Saves the detector states and releases the engine's threads for good when the application closes. */
    @Override
    public void destroy() {
        hub.close();
        try {
            saveStates();
        } catch (RuntimeException e) {
            log.error("Could not save the detector states on shutdown; streams relearn from the last save", e);
        }
    }
}
