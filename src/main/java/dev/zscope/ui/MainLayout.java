package dev.zscope.ui;

import dev.zscope.base.ui.BrowserTime;
import dev.zscope.engine.ui.LiveUpdates;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.zscope.anomaly.AnomalyQuery;
import dev.zscope.anomaly.AnomalyService;
import dev.zscope.security.CurrentUser;
import dev.zscope.security.Roles;
import dev.zscope.settings.SettingsService;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.EngineBatch;
import dev.zscope.engine.StreamStatus;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The chrome around every view: product name, the stream's status (points/s, learning or live,
 * anomalies today in the viewer's time zone), who is signed in, and sign-out. It also owns the
 * anomaly notifications, so they reach every signed-in session whatever view it shows. It is
 * driven by the default stream's pushes (the simulated stream ticks all the time).
 */
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class MainLayout extends AppLayout {

    private final AnomalyService anomalies;
    private final Span rate = badge("rate");
    private final Span state = badge("state");
    private final Span today = badge("today");
    private final AnomalyNotifier notifier = new AnomalyNotifier();
    private final LiveUpdates updates;
    private LocalDate day;
    private long todayCount;
    private long recordedSeen;

    public MainLayout(DetectionEngine engine, SettingsService settings, AnomalyService anomalies,
                      CurrentUser user) {
        this.anomalies = anomalies;
        H1 title = new H1("Zscope");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");

        HorizontalLayout status = new HorizontalLayout(rate, state, today);
        status.setId("stream-status");
        status.getStyle().set("flex-wrap", "wrap").set("gap", "var(--lumo-space-xs)");

        Span who = new Span(user.username().orElse(""));
        who.setId("signed-in-user");
        who.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Button signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> user.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        signOut.setId("sign-out");

        HorizontalLayout nav = new HorizontalLayout(link("Dashboard", ""), link("Streams", "streams"),
                link("Backtest", "backtest"));
        nav.setId("main-nav");
        if (user.isAdmin()) {
            nav.add(link("API tokens", "tokens"));
        }
        nav.setSpacing(true);

        HorizontalLayout bar = new HorizontalLayout(title, nav, status, who, signOut);
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.expand(status);
        bar.getStyle().set("padding", "0 var(--lumo-space-m)").set("flex-wrap", "wrap");
        addToNavbar(bar);
        setDrawerOpened(false); // one view, no navigation drawer yet

        showStatus(engine.status());
        String stream = engine.streamName();
        updates = LiveUpdates.ride(this, engine, () -> stream,
                () -> Duration.ofMillis(settings.current().pushIntervalMs()), this::onBatch);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        recordedSeen = anomalies.recordedCount();
        recountToday();
        BrowserTime.detect(event.getUI(), this::recountToday);
    }

    /**
     * Runs inside {@code UI.access}, once per push (the view's, or the default stream's while no view
     * pushes): refreshes the default stream's status and
     * notifies about anomalies recorded on any stream since the last push.
     */
    void onBatch(EngineBatch batch) {
        long recorded = anomalies.recordedCount();
        int fresh = (int) Math.min(Integer.MAX_VALUE, recorded - recordedSeen);
        recordedSeen = recorded;
        if (fresh > 0 || !LocalDate.now(zone()).equals(day)) {
            recountToday();
        }
        showStatus(batch.status());
        if (fresh > 0) {
            notifier.report(fresh, anomalies.find(AnomalyQuery.all(), 0, 1).stream().findFirst().orElse(null));
        }
    }

    private void recountToday() {
        day = LocalDate.now(zone());
        todayCount = anomalies.countSince(day.atStartOfDay(zone()).toInstant());
        today.setText(todayText(todayCount));
    }

    private ZoneId zone() {
        return BrowserTime.zone(getUI().orElse(null));
    }

    private void showStatus(StreamStatus s) {
        rate.setText(String.format(Locale.ROOT, "%s · %.1f points/s", s.stream(), s.pointsPerSecond()));
        if (s.learning()) {
            state.setText("Learning " + Math.min(s.learned(), s.warmup()) + "/" + s.warmup());
            state.getElement().getThemeList().remove("success");
        } else {
            state.setText("Live");
            state.getElement().getThemeList().add("success");
        }
        today.setText(todayText(todayCount));
    }

    /** The header's count of today's anomalies, in words: "1 anomaly today", "3 anomalies today". */
    static String todayText(long count) {
        return count + (count == 1 ? " anomaly today" : " anomalies today");
    }

    /** For tests: whether this layout gets pushes, on its own or riding on its view's. */
    public boolean isLive() {
        return updates.isLive();
    }

    /** For tests: whether this layout holds an engine subscription of its own. */
    public boolean isSubscribed() {
        return updates.isSubscribed();
    }

    private static Anchor link(String text, String href) {
        Anchor a = new Anchor(href, text);
        a.setId("nav-" + (href.isEmpty() ? "dashboard" : href));
        return a;
    }

    private static Span badge(String id) {
        Span s = new Span();
        s.getElement().getThemeList().add("badge");
        s.setId("status-" + id);
        return s;
    }
}
