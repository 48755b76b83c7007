package dev.zscope.base.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.function.SerializableSupplier;
import dev.zscope.stream.DetectionEngine;
import dev.zscope.stream.EngineBatch;
import dev.zscope.stream.Subscription;
import java.time.Duration;

/**
 * Ties an engine subscription to a component's life: subscribes when it is attached, closes the
 * subscription when it is detached, and runs each batch on the UI thread through
 * {@code UI.access}, so at most one push per interval reaches the browser. A UI that vanished
 * without a detach (closed tab) unsubscribes itself on its next batch.
 */
public final class LiveUpdates {

    private final DetectionEngine engine;
    private final SerializableSupplier<Duration> interval;
    private final SerializableSupplier<String> stream;
    private final SerializableConsumer<EngineBatch> onUi;
    private final int backlog;
    private transient Subscription subscription;
    private UI ui;

    private LiveUpdates(DetectionEngine engine, SerializableSupplier<String> stream,
                        SerializableSupplier<Duration> interval, int backlog,
                        SerializableConsumer<EngineBatch> onUi) {
        this.engine = engine;
        this.stream = stream;
        this.interval = interval;
        this.backlog = backlog;
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
        LiveUpdates updates = new LiveUpdates(engine, stream, interval, backlog, onUi);
        owner.addAttachListener(updates::attached);
        owner.addDetachListener(e -> updates.stop());
        return updates;
    }

    private void attached(AttachEvent event) {
        ui = event.getUI();
        start(backlog);
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
        subscription = engine.subscribe(stream.get(), interval.get(), withBacklog, batch -> {
            try {
                target.access(() -> onUi.accept(batch));
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

    /** Whether a subscription is open; for tests. */
    public synchronized boolean isSubscribed() {
        return subscription != null;
    }
}
