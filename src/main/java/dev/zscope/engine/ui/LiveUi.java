package dev.zscope.engine.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.shared.Registration;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.LiveBatch;
import dev.zscope.engine.LiveSubscription;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The live updates of one browser tab (UI): one engine subscription that carries the engine-wide
 * anomaly feed and the points of the stream the page shows, delivered in one {@code UI.access} per
 * push interval to every component that {@link #bind listens}: the header, the view, the grid. So a
 * tab gets one push message per interval whatever it shows, and the subscription lives exactly as
 * long as some attached component listens (it is opened on the first attach and closed on the last
 * detach). Touched only with the UI's session locked (attach, detach and {@code UI.access} hold it).
 */
public final class LiveUi implements Serializable {

    /** Pages that only show figures (rates, states) are refreshed this often when nothing happens. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(2);

    private final UI ui;
    private final DetectionEngine engine;
    private final Supplier<Duration> interval;
    private final List<SerializableConsumer<LiveBatch>> listeners = new ArrayList<>();
    private transient LiveSubscription subscription;
    private String stream;
    private int backlog;

    private LiveUi(UI ui, DetectionEngine engine, Supplier<Duration> interval) {
        this.ui = ui;
        this.engine = engine;
        this.interval = interval;
    }

    /** The tab's live updates, made on first use; {@code interval} is read at each (re)subscription. */
    public static LiveUi of(UI ui, DetectionEngine engine, Supplier<Duration> interval) {
        LiveUi live = ComponentUtil.getData(ui, LiveUi.class);
        if (live == null) {
            live = new LiveUi(ui, engine, interval);
            ComponentUtil.setData(ui, LiveUi.class, live);
        }
        return live;
    }

    /**
     * Calls {@code listener} with every batch while {@code owner} is attached (inside
     * {@code UI.access}); the tab subscribes on the first attach and unsubscribes on the last detach.
     */
    public static void bind(Component owner, DetectionEngine engine, Supplier<Duration> interval,
                            SerializableConsumer<LiveBatch> listener) {
        Registration[] registration = new Registration[1];
        owner.addAttachListener(e -> registration[0] = of(e.getUI(), engine, interval).listen(listener));
        owner.addDetachListener(e -> {
            if (registration[0] != null) {
                registration[0].remove();
                registration[0] = null;
            }
        });
    }

    private Registration listen(SerializableConsumer<LiveBatch> listener) {
        listeners.add(listener);
        if (subscription == null) {
            subscribe();
        }
        return () -> {
            listeners.remove(listener);
            if (listeners.isEmpty()) {
                close();
            }
        };
    }

    /** Follows {@code name}'s points from now on (null: none), starting with {@code withBacklog} recent ones. */
    public void follow(String name, int withBacklog) {
        stream = name;
        backlog = withBacklog;
        if (subscription != null) {
            subscription.follow(name, withBacklog);
        }
    }

    /** Subscribes again, with the interval in force now (after a settings change); follows on with new points. */
    public void restart() {
        if (subscription != null) {
            close();
            backlog = 0;
            subscribe();
        }
    }

    private void subscribe() {
        LiveSubscription s = engine.subscribeLive(interval.get(), HEARTBEAT, batch -> {
            try {
                ui.access(() -> List.copyOf(listeners).forEach(l -> l.accept(batch)));
            } catch (UIDetachedException gone) {
                close();
            }
        });
        s.follow(stream, backlog);
        subscription = s;
    }

    private void close() {
        LiveSubscription s = subscription;
        subscription = null;
        if (s != null) {
            s.close();
        }
    }

    /** For tests: whether the tab holds an engine subscription. */
    public boolean isSubscribed() {
        return subscription != null;
    }

    /** For tests: the stream the tab follows. */
    public String stream() {
        return stream;
    }
}
