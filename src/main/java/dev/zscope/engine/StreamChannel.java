package dev.zscope.engine;

import dev.zscope.detection.Detector;
import dev.zscope.detection.StreamHints;
import dev.zscope.detection.Verdict;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.detection.catalog.DetectorStates;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream inside the engine: its detector, its recent history and its counters. Points of a
 * stream are processed one at a time under the channel's own lock, so streams never wait for each
 * other and the detector (not thread-safe) sees its points strictly in order. The anomalies of a
 * call go to the engine's outlet under the same lock, so they reach the store in the order found.
 * The hot path allocates nothing unless a point is an anomaly.
 *
 * <p>A <em>remote</em> channel (cluster mode, see {@link RemoteDetection}) has no detector: its
 * points are judged elsewhere and arrive as {@link Judged} verdicts, and its status comes from them.
 */
final class StreamChannel {

    private static final Logger log = LoggerFactory.getLogger(StreamChannel.class);

    private volatile String name;
    private final long createdMillis;
    private final PointHistory history;
    private final RateMeter rate = new RateMeter();
    private final RecentCounts recent = new RecentCounts();
    private final Verdict verdict = new Verdict();
    /** The detector chosen for the stream (its own or the default), before hints. */
    private DetectorChoice chosen;
    private StreamHints hints = StreamHints.none();
    /** What runs: {@link #chosen} with the stream's hints (see {@link DetectorChoice#withHints}). */
    private DetectorChoice choice;
    /** Made on first use ({@link #detector()}): a restored stream must not build one it replaces at once. */
    private Detector detector;
    private boolean ownDetector;
    /** A saved state not yet matched with the detector choice in force; see {@link #applyDetector}. */
    private byte[] pendingState;
    private long points;
    private long anomalies;
    private long injected;
    private long lastPointMillis;
    private double lastValue = Double.NaN;
    private long lastArrivalMillis;
    private double typicalGapMillis;
    private int warmup;
    private volatile boolean archived;
    /** Points processed since the state was last saved; see {@link #snapshotIfChanged}. */
    private long unsaved;
    /** The size of the detector state last saved or restored, in bytes (for the metrics). */
    private volatile int stateBytes;
    /** The anomalies of the call in progress; reused, so a call without anomalies allocates nothing. */
    private final List<Anomaly> found = new ArrayList<>();
    /** Where judged points go for the point store; null while nobody keeps them. */
    private PointOutbox outbox;
    /** The chunk being filled for the outbox, if any. */
    private PointChunk spool;
    /** Size of the next chunk: small for a slow stream, growing while chunks fill up. */
    private int spoolCapacity = PointChunk.MIN_CAPACITY;
    /** Judged elsewhere: no detector here, the status comes from the last verdict received. */
    private final boolean remote;
    private boolean remoteLearning = true;
    private long remoteLearned;
    private long remoteSkipped;
    /** The newest point time sent to be judged elsewhere and not refused; see {@link #latestPointMillis}. */
    private long lastSentMillis = Long.MIN_VALUE;

    StreamChannel(String name, long createdMillis, DetectorChoice choice, int historyCapacity) {
        this(name, createdMillis, choice, historyCapacity, false);
    }

    StreamChannel(String name, long createdMillis, DetectorChoice choice, int historyCapacity, boolean remote) {
        this.name = name;
        this.createdMillis = createdMillis;
        this.chosen = choice;
        this.choice = choice;
        this.history = new PointHistory(historyCapacity);
        this.remote = remote;
    }

    /**
     * A stream as it was stored: counters, last point and (if it matches the choice in force)
     * detector state come back; a state for another choice waits until that choice is applied.
     */
    static StreamChannel restored(StreamStore.Stored stored, DetectorChoice defaults, byte[] state,
                                  long anomalies, int historyCapacity, boolean remote) {
        DetectorChoice choice = stored.ownDetector() != null ? stored.ownDetector() : defaults;
        StreamChannel c = new StreamChannel(stored.name(), stored.createdMillis(), choice, historyCapacity, remote);
        c.hints = stored.hints();
        c.choice = choice.withHints(stored.hints());
        c.ownDetector = stored.ownDetector() != null;
        c.archived = stored.archived();
        c.points = stored.points();
        c.lastPointMillis = stored.lastPointMillis();
        c.lastValue = stored.lastValue();
        c.anomalies = anomalies;
        c.pendingState = state; // restored on first use, once the choice in force is known
        c.stateBytes = state == null ? 0 : state.length;
        return c;
    }

    String name() {
        return name;
    }

    long createdMillis() {
        return createdMillis;
    }

    /** Takes the new name; the points spooled so far leave under the old one, then the rename. */
    synchronized void rename(String newName) {
        String old = name;
        flushSpool();
        name = newName;
        if (outbox != null) {
            outbox.offer(new PointOutbox.Renamed(old, newName));
        }
    }

    /** Tells the point store that this stream is gone (after the points spooled so far). */
    synchronized void deleted() {
        flushSpool();
        if (outbox != null) {
            outbox.offer(new PointOutbox.Deleted(name));
        }
    }

    /** From now on, hands every judged point to {@code to} (null: to nobody). */
    synchronized void spoolTo(PointOutbox to) {
        if (spool != null && outbox != null) {
            outbox.recycle(spool);
        }
        spool = null;
        outbox = to;
    }

    /** Hands the points spooled so far to the outbox, even if their chunk is not full. */
    synchronized void flushSpool() {
        PointChunk c = spool;
        if (c == null) {
            return;
        }
        spool = null;
        int size = c.size();
        spoolCapacity = PointChunk.MIN_CAPACITY;
        while (spoolCapacity < size) {
            spoolCapacity *= 4;
        }
        outbox.offer(c.seal(name));
    }

    /** Adds a judged point to the chunk for the point store; allocates only a new chunk now and then. */
    private void spool(long epochMillis, double value, boolean anomaly, boolean wasInjected) {
        int flags = (anomaly ? PointChunk.ANOMALY : 0) | (wasInjected ? PointChunk.INJECTED : 0)
                | (verdict.learning() ? PointChunk.LEARNING : 0);
        spool(epochMillis, value, verdict.expected(), verdict.lower(), verdict.upper(), verdict.score(),
                verdict.severity(), flags);
    }

    private void spool(long epochMillis, double value, double expected, double lower, double upper, double score,
                       double severity, int flags) {
        PointChunk c = spool;
        if (c == null) {
            c = outbox.obtain(spoolCapacity);
            if (c == null) {
                outbox.drop();
                return;
            }
            spool = c;
        }
        c.add(epochMillis, value, expected, lower, upper, score, severity, flags);
        if (c.isFull()) {
            spool = null;
            spoolCapacity = Math.min(PointChunk.MAX_CAPACITY, spoolCapacity * 4);
            outbox.offer(c.seal(name));
        }
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

    /** Adds the anomalies found before the engine last stopped, and those of the last hour and day. */
    synchronized void seedRecent(int lastHour, int lastDay, long nowMillis) {
        recent.seed(lastHour, lastDay, nowMillis);
    }

    /** Detects one point; its anomaly (if any) goes to {@code outlet}. Returns the point's sequence. */
    synchronized long process(long epochMillis, double value, boolean wasInjected, long nowMillis,
                              Function<List<Anomaly>, CompletableFuture<Void>> outlet) {
        rate.mark(nowMillis, 1);
        long sequence = processOne(epochMillis, value, wasInjected, nowMillis);
        if (!found.isEmpty()) {
            outlet.apply(List.copyOf(found));
            found.clear();
        }
        return sequence;
    }

    /**
     * {@link #process} for {@code times[from..to)} and {@code values[from..to)}, all arrived at
     * {@code nowMillis}, under one acquisition of the channel's lock and of the history's: the same
     * result as that many calls, for a fraction of the locking and of the cache misses on the
     * stream's state. Returns what was written, with the future of its anomalies' durability.
     */
    synchronized Written processAll(long[] times, double[] values, int from, int to, long nowMillis,
                                    Function<List<Anomaly>, CompletableFuture<Void>> outlet) {
        rate.mark(nowMillis, to - from);
        synchronized (history) {
            for (int i = from; i < to; i++) {
                processOne(times[i], values[i], false, nowMillis);
            }
        }
        if (found.isEmpty()) {
            return new Written(name, to - from, List.of(), CompletableFuture.completedFuture(null));
        }
        List<Anomaly> anomalies = List.copyOf(found);
        found.clear();
        return new Written(name, to - from, anomalies, outlet.apply(anomalies));
    }

    /**
     * A point of the stream's past, supplied at start (the simulator's backfill): it trains the
     * detector and joins the history, but raises nothing: it is never an anomaly, counts towards
     * no rate or total and reaches no outlet, since nobody watched it happen.
     */
    synchronized void backfill(long epochMillis, double value, boolean wasInjected) {
        judge(epochMillis, value, "backfill");
        lastPointMillis = epochMillis;
        lastValue = value;
        synchronized (history) {
            history.add(epochMillis, value, verdict.expected(), verdict.lower(), verdict.upper(),
                    verdict.score(), verdict.severity(), false, wasInjected, verdict.learning());
        }
        if (outbox != null) {
            spool(epochMillis, value, false, wasInjected);
        }
    }

    private long processOne(long epochMillis, double value, boolean wasInjected, long nowMillis) {
        judge(epochMillis, value, "live");
        points++;
        unsaved++;
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
            found.add(Anomaly.of(name, epochMillis, verdict));
        }
        if (outbox != null) {
            spool(epochMillis, value, anomaly, wasInjected);
        }
        return history.add(epochMillis, value, verdict.expected(), verdict.lower(), verdict.upper(),
                verdict.score(), verdict.severity(), anomaly, wasInjected, verdict.learning());
    }

    /** The detector, restored from the pending state or made afresh on first use. */
    private Detector detector() {
        if (detector == null && !restorePending()) {
            detector = choice.create();
        }
        return detector;
    }

    private void judge(long epochMillis, double value, String what) {
        Detector d = detector();
        try {
            d.update(epochMillis, value, verdict);
        } catch (RuntimeException e) {
            log.error("Detector {} failed on stream {} at {} value {} ({}); point not judged",
                    d.name(), name, epochMillis, value, what, e);
            verdict.missing(d.name(), value, Double.NaN);
        }
        if (verdict.learning()) {
            warmup = verdict.warmup();
        }
    }

    /**
     * Switches to another detector or settings. A saved state made for exactly {@code next} is
     * restored; otherwise the new detector is warmed up on the history the stream holds, in order,
     * so it does not start cold when that history is long enough; the replay raises no anomalies
     * (they were judged when they arrived).
     */
    synchronized void applyDetector(DetectorChoice next, boolean own) {
        ownDetector = own;
        chosen = next;
        if (remote) {
            choice = next.withHints(hints); // judged elsewhere: only what it runs is known here
            return;
        }
        switchTo(next.withHints(hints));
    }

    /** Gives the stream other hints; a detector that takes hints starts over with them (see {@link #applyDetector}). */
    synchronized void applyHints(StreamHints next) {
        hints = next;
        if (remote) {
            choice = chosen.withHints(next); // cluster mode: hints do not reach the detectors yet (cluster.md)
            return;
        }
        switchTo(chosen.withHints(next));
    }

    synchronized StreamHints hints() {
        return hints;
    }

    /**
     * Accepts the stream's current behaviour as its new normal ({@link Detector#rebaseline()}); its
     * next saved state says so. Judged elsewhere (cluster mode), there is no detector here to tell.
     */
    synchronized void rebaseline() {
        if (remote) {
            return;
        }
        detector().rebaseline();
        unsaved++;
    }

    private void switchTo(DetectorChoice next) {
        if (next.equals(choice) && (detector != null || pendingState != null)) {
            return; // the same choice: keep the detector, or the state that waits for it
        }
        choice = next;
        if (restorePending()) {
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
        unsaved++;
    }

    /** Restores the pending state if it was saved for the choice in force; says whether it did. */
    private boolean restorePending() {
        byte[] state = pendingState;
        pendingState = null;
        if (state == null) {
            return false;
        }
        DetectorStates.Restored restored = DetectorStates.load(choice, state);
        if (restored.detector() == null) {
            log.info("Stream '{}' learns again: its saved detector state does not apply ({})", name,
                    restored.problem());
            return false;
        }
        detector = restored.detector();
        return true;
    }

    /** The detector chosen for the stream, without its hints. */
    synchronized DetectorChoice detectorChoice() {
        return chosen;
    }

    /** What runs: the choice with the stream's hints in its settings, when its detector takes them. */
    synchronized DetectorChoice runningChoice() {
        return choice;
    }

    /** Whether this stream runs a detector of its own rather than the engine's default. */
    synchronized boolean hasOwnDetector() {
        return ownDetector;
    }

    /**
     * The detector's state and the counters, if any point arrived since the last call; the state is
     * null for a detector whose kind keeps none. Runs under the channel's lock: microseconds for the
     * default detector, so the engine barely notices a save.
     */
    synchronized StreamStore.Snapshot snapshotIfChanged() {
        if (remote) { // counters only; a state saved before cluster mode stays as it is
            if (unsaved == 0) {
                return null;
            }
            unsaved = 0;
            return new StreamStore.Snapshot(name, pendingState, points, lastPointMillis, lastValue);
        }
        if (unsaved == 0 || pendingState != null) { // an unused saved state stays as it is
            return null;
        }
        unsaved = 0;
        byte[] state = DetectorStates.save(choice, detector()).orElse(null);
        stateBytes = state == null ? 0 : state.length;
        return new StreamStore.Snapshot(name, state, points, lastPointMillis, lastValue);
    }

    /** The size of the detector state last saved or restored, in bytes. */
    int stateBytes() {
        return stateBytes;
    }

    /** Points and anomalies processed in all, read together under the lock (for the metrics). */
    synchronized void counts(DetectionEngine.CountVisitor visitor) {
        visitor.visit(name, points, anomalies);
    }

    /** The newest {@code max} values, oldest first, for a sparkline. */
    double[] latestValues(int max) {
        return history.latestValues(max);
    }

    synchronized StreamStatus status(long nowMillis) {
        if (remote) {
            return new StreamStatus(name, points, rate.perSecond(nowMillis), remoteLearning, remoteLearned, warmup,
                    anomalies, injected, remoteSkipped, lastPointMillis, lastValue, lastArrivalMillis,
                    Math.round(typicalGapMillis), recent.lastHour(nowMillis), recent.lastDay(nowMillis));
        }
        Detector d = detector();
        return new StreamStatus(name, points, rate.perSecond(nowMillis), d.isLearning(), d.seen(),
                warmup, anomalies, injected, d.skipped(), lastPointMillis, lastValue, lastArrivalMillis,
                Math.round(typicalGapMillis), recent.lastHour(nowMillis), recent.lastDay(nowMillis));
    }

    /**
     * A point judged elsewhere: it joins the history, and the counters take the verdict's (absolute)
     * values, so a verdict received twice, or one thinned away, changes nothing.
     */
    synchronized void judged(Judged j, long nowMillis) {
        // A remote verdict carries no severity yet (the cluster topic predates it): unknown here.
        history.add(j.epochMillis(), j.value(), j.expected(), j.lower(), j.upper(), j.score(), Double.NaN,
                j.anomaly(), j.injected(), j.learning());
        if (outbox != null) {
            spool(j.epochMillis(), j.value(), j.expected(), j.lower(), j.upper(), j.score(), Double.NaN,
                    (j.anomaly() ? PointChunk.ANOMALY : 0) | (j.injected() ? PointChunk.INJECTED : 0)
                            | (j.learning() ? PointChunk.LEARNING : 0));
        }
        remoteLearning = j.learning();
        remoteLearned = j.learned();
        remoteSkipped = j.skipped();
        warmup = j.warmup();
        if (j.backfill() || j.points() < points) {
            return; // the past, or an older verdict read again: the counters stay
        }
        rate.mark(nowMillis, (int) Math.min(Integer.MAX_VALUE, j.points() - points));
        points = j.points();
        unsaved++;
        lastPointMillis = j.epochMillis();
        lastValue = j.value();
        if (lastArrivalMillis != 0) {
            long gap = Math.max(0, nowMillis - lastArrivalMillis);
            typicalGapMillis = typicalGapMillis == 0 ? gap : 0.9 * typicalGapMillis + 0.1 * gap;
        }
        lastArrivalMillis = nowMillis;
        if (j.injected()) {
            injected++;
        }
    }

    /** Anomalies of this stream found elsewhere and now kept here: they count as if found here. */
    synchronized void announced(int count, long nowMillis) {
        anomalies += count;
        for (int i = 0; i < count; i++) {
            recent.mark(nowMillis);
        }
    }

    /**
     * Notes that points up to {@code newest} were sent to be judged elsewhere; returns the mark it
     * replaced, for {@link #sendFailed}.
     */
    synchronized long sent(long newest) {
        long previous = lastSentMillis;
        lastSentMillis = Math.max(lastSentMillis, newest);
        return previous;
    }

    /** Undoes {@link #sent} after the send failed, unless something newer was sent meanwhile. */
    synchronized void sendFailed(long newest, long previous) {
        if (lastSentMillis == newest) {
            lastSentMillis = previous;
        }
    }

    /**
     * The time a new point must not be older than: the stream's latest point, or, when judged
     * elsewhere, the newer of the latest verdict and the latest point sent; {@link Long#MIN_VALUE}
     * for a stream without points.
     */
    synchronized long latestPointMillis() {
        long judged = points > 0 ? lastPointMillis : Long.MIN_VALUE;
        return remote ? Math.max(judged, lastSentMillis) : judged;
    }
}
