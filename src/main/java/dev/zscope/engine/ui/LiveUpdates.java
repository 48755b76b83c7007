package dev.zscope.engine.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.function.SerializableSupplier;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.EngineBatch;
import dev.zscope.engine.Subscription;
import java.time.Duration;
import java.util.List;

/**
 * Ties an engine subscription to a component's life: subscribes when it is attached, closes the
 * subscription when it is detached, and runs each batch on the UI thread through
 * {@code UI.access}, so at most one push per interval reaches the browser. A UI that vanished
 * without a detach (closed tab) unsubscribes itself on its next batch.
 *
 * <p>A <em>rider</em> ({@link #ride}) needs only the status of its stream with every push, not its
 * points: while another live view of the same UI pushes, it runs inside that view's
 * {@code UI.access} instead of subscribing, and it subscribes on its own only while there is none
 * ({@link UiPulse}). So one browser gets one push message per interval.
 */
public final class LiveUpdates {

    private final DetectionEngine engine;
    private final SerializableSupplier<Duration> interval;
    private final SerializableSupplier<String> stream;
    private final SerializableConsumer<EngineBatch> onUi;
    private final int backlog;
    private final boolean rider;
    private transient Subscription subscription;
    private UI ui;
    private UiPulse pulse;

    private LiveUpdates(DetectionEngine engine, SerializableSupplier<String> stream,
                        SerializableSupplier<Duration> interval, int backlog, boolean rider,
                        SerializableConsumer<EngineBatch> onUi) {
        this.engine = engine;
        this.stream = stream;
        this.interval = interval;
        this.backlog = backlog;
        this.rider = rider;
        this.onUi = onUi;
    }

    /**
     * Binds batches to {@code owner}'s attach/detach; {@code onUi} runs with the UI locked. The
     * first batch after each attach carries up to {@code backlog} recent points.
     */
    public static LiveUpdates bind(Component owner, DetectionEngine engine,
                                   SerializableSupplier<String> stream,
                                   SerializableSupplier<Duration> interval, int backlog,
                                   SerializableConsumer<EngineBatch> onUi) {
        return bind(owner, new LiveUpdates(engine, stream, interval, backlog, false, onUi));
    }

    /**
     * Binds a rider to {@code owner}: {@code onUi} runs with the UI locked once per push of any other
     * live view of the UI, with a batch that holds no points and the current status of
     * {@code stream}; while there is no such view, once per batch of its own subscription to
     * {@code stream} (new points only).
     */
    public static LiveUpdates ride(Component owner, DetectionEngine engine, SerializableSupplier<String> stream,
                                   SerializableSupplier<Duration> interval,
                                   SerializableConsumer<EngineBatch> onUi) {
        return bind(owner, new LiveUpdates(engine, stream, interval, 0, true, onUi));
    }

    private static LiveUpdates bind(Component owner, LiveUpdates updates) {
        owner.addAttachListener(updates::attached);
        owner.addDetachListener(e -> updates.detached());
        return updates;
    }

    private void attached(AttachEvent event) {
        ui = event.getUI();
        pulse = UiPulse.of(ui);
        if (rider) {
            if (!pulse.riderAttached(this)) {
                // The layout attaches before the view it shows: wait until the view has attached in
                // this round trip, so that a rider under a pushing view never subscribes just to stop.
                UiPulse attachedTo = pulse;
                ui.beforeClientResponse(ui, context -> {
                    if (!attachedTo.hasLeaders()) {
                        resume();
                    }
                });
            }
        } else {
            pulse.leaderAttached(this);
            start(backlog);
        }
    }

    private void detached() {
        stop();
        if (pulse != null) {
            if (rider) {
                pulse.riderDetached(this);
            } else {
                pulse.leaderDetached(this);
            }
        }
        ui = null;
        pulse = null;
    }

    /** For {@link UiPulse}: a rider whose ride ended subscribes on its own again. */
    synchronized void resume() {
        if (ui != null && subscription == null) {
            start(0);
        }
    }

    /** For {@link UiPulse}, inside another view's {@code UI.access}: this rider's work for the push. */
    void rideAlong() {
        String name = stream.get();
        if (engine.exists(name)) {
            onUi.accept(new EngineBatch(List.of(), 0, engine.status(name)));
        }
    }

    /** Re-subscribes with a new interval, continuing with new points only. */
    public synchronized void restart() {
        if (ui != null && subscription != null) {
            stop();
            start(0);
        }
    }

    /** Re-subscribes to another stream, starting with its backlog. */
    public synchronized void switchStream() {
        if (ui != null && subscription != null) {
            stop();
            start(backlog);
        }
    }

    private synchronized void start(int withBacklog) {
        UI target = ui;
        UiPulse carrying = rider ? null : pulse;
        subscription = engine.subscribe(stream.get(), interval.get(), withBacklog, batch -> {
            try {
                target.access(() -> {
                    onUi.accept(batch);
                    if (carrying != null) {
                        carrying.carryRiders();
                    }
                });
            } catch (UIDetachedException gone) {
                stop();
            }
        });
    }

    /** Unsubscribes; idempotent. */
    public synchronized void stop() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    /** Whether {@code onUi} gets pushes: through a subscription of its own or, for a rider, another's. */
    public synchronized boolean isLive() {
        return subscription != null || (rider && pulse != null && pulse.hasLeaders());
    }

    /** Whether a subscription of its own is open; for tests. */
    public synchronized boolean isSubscribed() {
        return subscription != null;
    }
}
