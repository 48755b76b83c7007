package dev.zscope.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Keeps server-side UIs bounded: at most {@value #PER_SESSION} tabs per session and
 * {@value #PER_USER} per user (the oldest is closed, and its tab says so), and a tab whose browser
 * has stopped sending heartbeats for {@link #ABANDONED} is closed, which also ends its live
 * subscription. Vaadin would only notice such a tab on the session's next request, which never
 * comes from a script that opened thousands of tabs and left.
 */
@Component
class TabLimits implements VaadinServiceInitListener {

    static final int PER_SESSION = 10;
    static final int PER_USER = 30;
    static final Duration ABANDONED = Duration.ofMinutes(1);
    private static final Duration SWEEP = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(TabLimits.class);

    private final UiBudget<UI> budget = new UiBudget<>(PER_SESSION, PER_USER);
    private final Map<UI, Boolean> open = new ConcurrentHashMap<>();
    private final TaskScheduler scheduler;
    private final Clock clock;
    private ScheduledFuture<?> sweeper;

    TabLimits(TaskScheduler scheduler) {
        this.scheduler = scheduler;
        this.clock = Clock.systemUTC();
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> admit(init.getUI()));
        synchronized (this) {
            if (sweeper == null) {
                sweeper = scheduler.scheduleWithFixedDelay(this::sweep, SWEEP);
            }
        }
    }

    /** Runs with the new UI's session locked (UI init). */
    void admit(UI ui) {
        VaadinSession session = ui.getSession();
        open.put(ui, Boolean.TRUE);
        ui.addDetachListener(e -> forget(ui));
        for (UI old : budget.admit(session, user(), ui)) {
            close(old, "This tab was closed: more than " + PER_SESSION + " Zscope tabs were open in this browser ("
                    + PER_USER + " for one user). Reload it to continue.");
        }
    }

    /** Closes the tabs whose browser has sent no heartbeat for {@link #ABANDONED}. */
    void sweep() {
        long cutoff = clock.millis() - ABANDONED.toMillis();
        for (UI ui : open.keySet()) {
            long heartbeat = ui.getInternals().getLastHeartbeatTimestamp();
            if (heartbeat > 0 && heartbeat < cutoff) {
                close(ui, null);
            }
        }
    }

    /** How many tabs are open; for tests. */
    int openTabs() {
        return open.size();
    }

    private void forget(UI ui) {
        open.remove(ui);
        budget.release(ui);
    }

    private void close(UI ui, String message) {
        try {
            VaadinSession session = ui.getSession();
            if (session != null && session.hasLock()) {
                closeLocked(ui, message); // another tab of the session that is opening one
            } else {
                ui.access(() -> closeLocked(ui, message));
            }
        } catch (RuntimeException gone) {
            log.debug("Tab already gone", gone);
        } finally {
            forget(ui);
        }
    }

    private static void closeLocked(UI ui, String message) {
        VaadinSession session = ui.getSession();
        if (message != null) {
            ui.removeAll();
            Span note = new Span(message);
            note.setId("tab-closed");
            ui.add(note);
            if (ui.getPushConfiguration().getPushMode().isEnabled()) {
                try {
                    ui.push();
                } catch (RuntimeException noConnection) {
                    // the tab is gone already: nothing to tell
                }
            }
        }
        ui.close();
        if (session != null) {
            session.removeUI(ui); // detaches it now: its subscription ends with it
        }
    }

    private static String user() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a == null || a.getName() == null ? "" : a.getName();
    }
}
