package dev.zscope.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert evaluator: one thread ({@code zscope-alerts}) that takes anomalies from the
 * {@link AlertIntake}, runs the {@link AlertBook}'s timers on the server clock, stores what changed,
 * and hands due notifications to the {@link Courier}. A round runs when anomalies or delivery
 * outcomes arrive, and at least every {@value #IDLE_MILLIS} ms for the timers. Everything it owns is
 * touched under one lock, so a command from a view (acknowledge, resolve) runs at once, in order with
 * the evaluator's own work. Tests call {@link #round()} themselves on a simulated clock.
 */
final class AlertEvaluator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);
    static final long IDLE_MILLIS = 250;
    private static final long ACTIVITY_EVERY_MILLIS = 10_000;
    private static final int MAX_UNSAVED_NOTIFICATIONS = 100_000;

    /** The server time of each stream's last point, for no-data alerts. */
    interface Activity {
        Map<String, Long> lastSeen();
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Clock clock;
    private final AlertProperties properties;
    private final AlertTable table;
    private final Channels channels;
    private final Activity activity;
    private final AlertBook book;
    private final AlertIntake intake;
    private final Courier courier;
    private final ConcurrentLinkedQueue<Courier.Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final Map<String, ChannelNotifier> notifiers = new LinkedHashMap<>();
    private final Map<Long, Alert> unsaved = new LinkedHashMap<>();
    private final List<Notification> unsavedNotifications = new ArrayList<>();
    private final Map<Long, Alert> open = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private volatile boolean channelsChanged = true;
    private volatile Thread thread;
    private volatile boolean running;
    private long lastActivity = Long.MIN_VALUE;
    private long lastPrune = Long.MIN_VALUE;
    private long lastSaveError = Long.MIN_VALUE;

    AlertEvaluator(Clock clock, AlertProperties properties, AlertTable table, Channels channels, Muting muting,
                   AlertBook.Rules rules, Activity activity, Executor deliveries) {
        this.clock = clock;
        this.properties = properties;
        this.table = table;
        this.channels = channels;
        this.activity = activity;
        AtomicLong ids = new AtomicLong(table.maxId());
        this.book = new AlertBook(rules, muting, ids::incrementAndGet, properties.groupInterval());
        this.intake = new AlertIntake(properties.queueCapacity(), this::wake);
        this.courier = new Courier(deliveries, o -> {
            outcomes.add(o);
            wake();
        });
        long now = clock.millis();
        List<Alert> stored = table.open();
        book.restore(stored, now);
        stored.forEach(a -> open.put(a.id(), a));
        syncChannels(now);
        for (AlertTable.Told told : table.told(Instant.ofEpochMilli(now).minus(Duration.ofDays(1)))) {
            ChannelNotifier n = notifiers.get(told.channel());
            Alert a = open.get(told.alertId());
            if (a == null) {
                a = table.get(told.alertId()).orElse(null);
            }
            if (n != null && a != null) {
                n.restore(a, told.sentAt().toEpochMilli());
            }
        }
        if (!stored.isEmpty()) {
            log.info("Restored {} open alerts", stored.size());
        }
    }

    AlertIntake intake() {
        return intake;
    }

    /** Starts the evaluator's thread. */
    void start() {
        running = true;
        Thread t = new Thread(this::loop, "zscope-alerts");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void loop() {
        while (running) {
            try {
                round();
            } catch (RuntimeException e) {
                log.error("Alert evaluation round failed; the next one goes on", e);
            }
            if (running && intake.isEmpty() && outcomes.isEmpty()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS));
            }
        }
    }

    /** Tells the evaluator there is work; never blocks. */
    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Channels were added, changed or removed: the next round takes them in. */
    void channelsChanged() {
        channelsChanged = true;
        wake();
    }

    /** One round: outcomes, anomalies, timers, storage, notifications. */
    void round() {
        lock.lock();
        try {
            long now = clock.millis();
            if (channelsChanged) {
                syncChannels(now);
            }
            for (Courier.Outcome o; (o = outcomes.poll()) != null; ) {
                delivered(o, now);
            }
            for (Arrival a : intake.drain()) {
                book.arrive(a);
            }
            book.tick(now);
            if (now - lastActivity >= ACTIVITY_EVERY_MILLIS || lastActivity == Long.MIN_VALUE) {
                lastActivity = now;
                activity.lastSeen().forEach((stream, seen) -> book.activity(stream, seen, now));
            }
            List<ChannelNotifier.Send> sends = settle(now);
            save();
            for (ChannelNotifier.Send s : sends) {
                courier.send(channels.channel(s.channel().name()), s);
            }
            if (now - lastPrune >= Duration.ofHours(1).toMillis()) {
                lastPrune = now;
                prune(now);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code command} on the book, in order with the evaluator's rounds; the changes it makes go out at once. */
    <T> T command(Supplier<T> command) {
        lock.lock();
        try {
            T result = command.get();
            long now = clock.millis();
            List<ChannelNotifier.Send> sends = settle(now);
            save();
            for (ChannelNotifier.Send s : sends) {
                courier.send(channels.channel(s.channel().name()), s);
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    AlertBook book() {
        return book;
    }

    long now() {
        return clock.millis();
    }

    private List<ChannelNotifier.Send> settle(long now) {
        List<Alert> changed = book.drainChanged();
        for (Alert a : changed) {
            if (a.state().open()) {
                open.put(a.id(), a);
            } else {
                open.remove(a.id());
            }
            unsaved.put(a.id(), a);
            notifiers.values().forEach(n -> n.changed(a, now));
        }
        if (!changed.isEmpty()) {
            version.incrementAndGet();
        }
        List<ChannelNotifier.Send> sends = new ArrayList<>();
        for (ChannelNotifier n : notifiers.values()) {
            if (channels.channel(n.spec().name()).unavailable() == null) {
                sends.addAll(n.due(now));
            }
        }
        return sends;
    }

    private void delivered(Courier.Outcome o, long now) {
        ChannelNotifier.Send s = o.send();
        ChannelNotifier n = notifiers.get(s.channel().name());
        if (n != null) {
            n.delivered(s.notice(), o.ok(), o.retryable(), now);
        }
        Instant at = Instant.ofEpochMilli(now);
        if (o.ok()) {
            channels.succeeded(s.channel().name(), at);
        } else {
            channels.failed(s.channel().name(), o.error(), at);
            log.warn("Alert channel {} failed to deliver about stream {}: {}{}", s.channel().name(), s.notice().stream(),
                    o.error(), o.retryable() ? "; retrying with backoff" : "");
        }
        for (Notice.Item item : s.notice().items()) {
            unsavedNotifications.add(new Notification(item.alert().id(), s.channel().name(),
                    item.firing() ? "firing" : "resolved", at, o.ok() ? "sent" : "failed",
                    o.ok() ? "" : o.error()));
        }
        version.incrementAndGet();
    }

    private void save() {
        if (unsaved.isEmpty() && unsavedNotifications.isEmpty()) {
            return;
        }
        try {
            table.save(List.copyOf(unsaved.values()), List.copyOf(unsavedNotifications));
            unsaved.clear();
            unsavedNotifications.clear();
        } catch (RuntimeException e) {
            long now = clock.millis();
            if (now - lastSaveError > 60_000) {
                lastSaveError = now;
                log.error("Cannot store {} alert changes and {} notifications; kept in memory and retried", unsaved.size(),
                        unsavedNotifications.size(), e);
            }
            if (unsavedNotifications.size() > MAX_UNSAVED_NOTIFICATIONS) {
                unsavedNotifications.subList(0, unsavedNotifications.size() - MAX_UNSAVED_NOTIFICATIONS).clear();
            }
        }
    }

    private void prune(long now) {
        try {
            int n = table.prune(Instant.ofEpochMilli(now).minus(properties.retention()));
            if (n > 0) {
                log.info("Forgot {} alerts resolved more than {} ago", n, Durations.text(properties.retention()));
            }
        } catch (RuntimeException e) {
            log.warn("Cannot prune old alerts; trying again in an hour", e);
        }
    }

    /** New channels start with every open alert; changed ones keep what they were told; removed ones go. */
    private void syncChannels(long now) {
        channelsChanged = false;
        Map<String, ChannelNotifier> next = new LinkedHashMap<>();
        for (ChannelSpec spec : channels.specs()) {
            ChannelNotifier n = notifiers.get(spec.name());
            if (n == null) {
                n = new ChannelNotifier(spec);
                for (Alert a : open.values()) {
                    n.changed(a, now);
                }
            } else {
                n.respec(spec);
            }
            next.put(spec.name(), n);
        }
        notifiers.clear();
        notifiers.putAll(next);
    }

    /** Open alerts, for views and the API (no lock). */
    List<Alert> openAlerts() {
        return List.copyOf(open.values());
    }

    /** How many alerts are firing or nodata now. */
    int firing() {
        int n = 0;
        for (Alert a : open.values()) {
            if (a.state() == AlertState.FIRING || a.state() == AlertState.NODATA) {
                n++;
            }
        }
        return n;
    }

    /** Grows whenever an alert or a notification changes: views refresh when it moved. */
    long version() {
        return version.get();
    }

    /** Something views show changed outside the evaluator (labels): they refresh. */
    void touch() {
        version.incrementAndGet();
    }

    /** Notifications in flight, for tests and the load tool. */
    int inFlight() {
        lock.lock();
        try {
            return notifiers.values().stream().mapToInt(ChannelNotifier::inFlight).sum() + outcomes.size();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the thread; deliveries in flight finish on their own threads. The last round stores what changed. */
    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lock.lock();
        try {
            for (Courier.Outcome o; (o = outcomes.poll()) != null; ) {
                delivered(o, clock.millis());
            }
            book.drainChanged().forEach(a -> unsaved.put(a.id(), a));
            save();
        } finally {
            lock.unlock();
        }
    }
}
