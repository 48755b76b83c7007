package dev.zscope.alert.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.zscope.alert.Alert;
import dev.zscope.alert.AlertFilter;
import dev.zscope.alert.AlertService;
import dev.zscope.alert.AlertState;
import dev.zscope.alert.SilenceService;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.ui.LiveUi;
import dev.zscope.security.CurrentUser;
import dev.zscope.security.Roles;
import dev.zscope.settings.SettingsService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The alerts: open ones first by default, or the resolved history, filtered by stream and state,
 * loaded lazily. Choosing one shows it below ({@link AlertDetails}): its figures, what it sent,
 * its anomalies, and for operators acknowledge, silence and label. Refreshed with the tab's live
 * updates whenever an alert or a notification changed. {@code ?alert=17} opens an alert (the links
 * in notifications), {@code ?state=firing} and {@code ?stream=cpu} set the filters.
 */
@Route("alerts")
@Menu(title = "Alerts", order = 1.2, icon = "vaadin:bell")
@PageTitle("Alerts · Zscope")
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class AlertsView extends VerticalLayout implements BeforeEnterObserver {

    /** Rows the grid lists at most; filters reach the rest. */
    static final int LISTED = 10_000;

    /** The state filter's choices. */
    enum Shown {
        OPEN("open (firing, pending, no data)", EnumSet.of(AlertState.FIRING, AlertState.PENDING, AlertState.NODATA)),
        FIRING("firing", EnumSet.of(AlertState.FIRING)),
        PENDING("pending", EnumSet.of(AlertState.PENDING)),
        NODATA("no data", EnumSet.of(AlertState.NODATA)),
        RESOLVED("resolved (history)", EnumSet.of(AlertState.RESOLVED)),
        ALL("all", EnumSet.noneOf(AlertState.class));

        final String label;
        final Set<AlertState> states;

        Shown(String label, Set<AlertState> states) {
            this.label = label;
            this.states = states;
        }
    }

    private final AlertService alerts;
    private final Grid<Alert> grid = new Grid<>();
    private final TextField stream = new TextField();
    private final Select<Shown> shown = new Select<>();
    private final Span count = new Span();
    private final AlertDetails details;
    private long version = -1;

    public AlertsView(AlertService alerts, SilenceService silences, DetectionEngine engine, SettingsService settings,
                      CurrentUser user) {
        this.alerts = alerts;
        this.details = new AlertDetails(alerts, silences, user.isOperator(), this::refresh);
        setSizeFull();
        stream.setId("alerts-stream");
        stream.setPlaceholder("Stream (exact name)");
        stream.setClearButtonVisible(true);
        stream.setValueChangeMode(ValueChangeMode.LAZY);
        stream.addValueChangeListener(e -> refresh());
        shown.setId("alerts-state");
        shown.setAriaLabel("State");
        shown.setItems(Shown.values());
        shown.setItemLabelGenerator(s -> s.label);
        shown.setValue(Shown.OPEN);
        shown.addValueChangeListener(e -> refresh());
        count.setId("alerts-count");
        HorizontalLayout filters = new HorizontalLayout(stream, shown, count);
        filters.setAlignItems(Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");

        grid.setId("alerts-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(Alert::id).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(a -> dashboardLink(a.stream())).setHeader("Stream").setKey("stream").setAutoWidth(true);
        grid.addComponentColumn(AlertText::badge).setHeader("State").setKey("state").setAutoWidth(true);
        grid.addColumn(a -> AlertText.time(a.startsAt())).setHeader("Started").setAutoWidth(true);
        grid.addColumn(a -> a.endsAt() == null ? "–" : AlertText.time(a.endsAt())).setHeader("Ended").setAutoWidth(true);
        grid.addColumn(Alert::anomalies).setHeader("Anomalies").setAutoWidth(true);
        grid.addColumn(AlertText::last).setHeader("Last anomaly").setAutoWidth(true);
        grid.addColumn(a -> a.acknowledged() ? a.acknowledgement().by() : "").setHeader("Acknowledged by");
        grid.setItems(q -> alerts.find(filter(), q.getOffset(), q.getLimit()).stream(),
                q -> Math.min(LISTED, alerts.count(filter())));
        grid.setHeight("340px");
        grid.asSingleSelect().addValueChangeListener(e -> {
            if (e.getValue() != null) {
                details.show(e.getValue());
            }
        });
        grid.setPartNameGenerator(a -> a.state() == AlertState.FIRING && !a.silenced() ? "firing" : null);

        add(new H3("Alerts"), filters, grid, details);
        LiveUi.bind(this, engine, () -> Duration.ofMillis(settings.current().pushIntervalMs()), batch -> {
            if (alerts.version() != version) {
                refresh();
            }
        });
        refresh();
    }

    private AlertFilter filter() {
        Shown s = shown.getValue() == null ? Shown.ALL : shown.getValue();
        return new AlertFilter(stream.getValue(), s.states);
    }

    /** Reads the list, the count and the alert shown again. */
    void refresh() {
        version = alerts.version();
        grid.getDataProvider().refreshAll();
        int n = alerts.count(filter());
        count.setText(String.format(Locale.ROOT, n == 1 ? "1 alert" : "%,d alerts", n));
        details.refresh();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var params = event.getLocation().getQueryParameters();
        params.getSingleParameter("stream").ifPresent(stream::setValue);
        params.getSingleParameter("state").ifPresent(s -> {
            for (Shown x : Shown.values()) {
                if (x.name().equalsIgnoreCase(s)) {
                    shown.setValue(x);
                }
            }
        });
        params.getSingleParameter("alert").ifPresent(id -> {
            try {
                alerts.get(Long.parseLong(id)).ifPresent(a -> {
                    shown.setValue(Shown.ALL);
                    details.show(a);
                });
            } catch (NumberFormatException ignored) {
                // a bad link shows the list
            }
        });
    }

    /** A link to the stream's dashboard (the route "", by name: the dashboard imports this feature). */
    static Anchor dashboardLink(String stream) {
        return new Anchor("./?" + QueryParameters.of("stream", stream).getQueryString(), stream);
    }

    /** For tests. */
    Grid<Alert> grid() {
        return grid;
    }

    /** For tests. */
    AlertDetails details() {
        return details;
    }
}
