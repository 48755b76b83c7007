package dev.zscope.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import dev.zscope.anomaly.AnomalyService;
import dev.zscope.base.ui.BrowserTime;
import dev.zscope.engine.Anomaly;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.LiveBatch;
import dev.zscope.engine.StreamStatus;
import dev.zscope.engine.ui.LiveUi;
import dev.zscope.security.CurrentUser;
import dev.zscope.security.Roles;
import dev.zscope.settings.SettingsService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * The chrome around every view ({@code @Layout}): the menu, built from the views' {@code @Menu}
 * annotations and filtered by what the signed-in user may open; the status of the stream being
 * viewed (points/s, learning or live) or, on pages without one, of all streams; the anomalies
 * found today in the viewer's time zone; who is signed in; and the anomaly notifications, so they
 * reach every signed-in tab whatever it shows. It listens to the tab's {@link LiveUi}, the one push
 * per interval that also carries the view's updates.
 */
@Layout
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class MainLayout extends AppLayout {

    private final DetectionEngine engine;
    private final AnomalyService anomalies;
    private final Span rate = badge("rate");
    private final Span state = badge("state");
    private final Span today = badge("today");
    private final AnomalyNotifier notifier = new AnomalyNotifier();
    private final StoreBanner storeBanner = new StoreBanner();
    private LocalDate day;
    private Instant startOfDay;
    private long todayCount;

    public MainLayout(DetectionEngine engine, SettingsService settings, AnomalyService anomalies, CurrentUser user) {
        this.engine = engine;
        this.anomalies = anomalies;
        H1 title = new H1("Zscope");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");

        HorizontalLayout status = new HorizontalLayout(rate, state, today);
        status.setId("stream-status");
        status.setSpacing(false);
        status.getStyle().set("flex-wrap", "wrap").set("gap", "var(--lumo-space-xs)").set("min-width", "0");

        Span who = new Span(user.username().orElse(""));
        who.setId("signed-in-user");
        who.addClassName("zscope-hide-narrow");
        who.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Button signOut = new Button(VaadinIcon.SIGN_OUT.create(), e -> user.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        signOut.setId("sign-out");
        signOut.setTooltipText("Sign out");
        signOut.setAriaLabel("Sign out");

        DrawerToggle toggle = new DrawerToggle();
        toggle.setAriaLabel("Menu");
        HorizontalLayout bar = new HorizontalLayout(toggle, title, status, who, signOut);
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.expand(status);
        bar.getStyle().set("padding-right", "var(--lumo-space-s)").set("min-width", "0");
        Div header = new Div(bar, storeBanner);
        header.getStyle().set("display", "flex").set("flex-direction", "column").set("width", "100%")
                .set("min-width", "0");
        addToNavbar(header);
        addToDrawer(menu());
        setPrimarySection(Section.DRAWER);

        showAll();
        LiveUi.bind(this, engine, () -> Duration.ofMillis(settings.current().pushIntervalMs()), this::onBatch);
    }

    private static SideNav menu() {
        SideNav nav = new SideNav();
        nav.setId("main-nav");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(entry.title(), entry.path());
            String name = entry.path().replaceFirst("^/", "");
            item.setId("nav-" + (name.isEmpty() ? "dashboard" : name));
            if (entry.icon() != null) {
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            nav.addItem(item);
        }
        return nav;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        recountToday();
        storeBanner.show(anomalies.health(), zone());
        BrowserTime.detect(event.getUI(), this::recountToday);
    }

    /**
     * Runs inside {@code UI.access}, once per push: shows the status of the stream the view follows
     * (or of all streams) and counts and announces the anomalies found on any stream.
     */
    void onBatch(LiveBatch batch) {
        if (!LocalDate.now(zone()).equals(day)) {
            recountToday();
        } else {
            todayCount += batch.anomalies().stream().filter(a -> !a.time().isBefore(startOfDay)).count();
        }
        if (batch.status() != null) {
            show(batch.status());
        } else {
            showAll();
        }
        today.setText(todayText(todayCount));
        storeBanner.show(anomalies.health(), zone());
        List<Anomaly> found = batch.anomalies();
        if (!found.isEmpty()) {
            notifier.report(found.size() + (int) Math.min(Integer.MAX_VALUE, batch.droppedAnomalies()), found.getLast());
        }
    }

    private void recountToday() {
        day = LocalDate.now(zone());
        startOfDay = day.atStartOfDay(zone()).toInstant();
        todayCount = anomalies.countSince(startOfDay);
        today.setText(todayText(todayCount));
    }

    private ZoneId zone() {
        return BrowserTime.zone(getUI().orElse(null));
    }

    private void show(StreamStatus s) {
        rate.setText(String.format(Locale.ROOT, "%s · %.1f points/s", s.stream(), s.pointsPerSecond()));
        if (s.learning()) {
            state.setText("Learning " + Math.min(s.learned(), s.warmup()) + "/" + s.warmup());
            state.getElement().getThemeList().remove("success");
        } else {
            state.setText("Live");
            state.getElement().getThemeList().add("success");
        }
        state.setVisible(true);
    }

    /** On pages that show no one stream: how many streams there are and their points per second. */
    private void showAll() {
        List<StreamStatus> all = engine.statuses();
        double perSecond = all.stream().mapToDouble(StreamStatus::pointsPerSecond).sum();
        rate.setText(String.format(Locale.ROOT, "%d %s · %.1f points/s", all.size(),
                all.size() == 1 ? "stream" : "streams", perSecond));
        state.setVisible(false);
    }

    /** The header's count of today's anomalies, in words: "1 anomaly today", "3 anomalies today". */
    static String todayText(long count) {
        return count + (count == 1 ? " anomaly today" : " anomalies today");
    }

    private static Span badge(String id) {
        Span s = new Span();
        s.getElement().getThemeList().add("badge");
        s.setId("status-" + id);
        s.getStyle().set("white-space", "nowrap");
        return s;
    }
}
