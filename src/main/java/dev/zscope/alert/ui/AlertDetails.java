package dev.zscope.alert.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.zscope.alert.Alert;
import dev.zscope.alert.AlertService;
import dev.zscope.alert.Notification;
import dev.zscope.alert.SilenceService;
import dev.zscope.alert.Triage;
import dev.zscope.engine.Anomaly;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One alert in full: its figures and flags, what it sent to each channel (time, status, outcome),
 * its anomalies with their labels, and ({@link AlertActions}) what an operator can do about it.
 */
class AlertDetails extends VerticalLayout {

    private final AlertService alerts;
    private final H4 title = new H4();
    private final Div facts = new Div();
    private final AlertActions actions;
    private final Grid<Notification> notifications = new Grid<>();
    private final Grid<Anomaly> anomalies = new Grid<>();
    private final boolean operator;
    private Alert shown;
    private Map<Instant, Triage> labels = Map.of();

    AlertDetails(AlertService alerts, SilenceService silences, boolean operator, Runnable changed) {
        this.alerts = alerts;
        this.operator = operator;
        this.actions = new AlertActions(alerts, silences, operator, () -> {
            changed.run();
            refresh();
        });
        setId("alert-details");
        setPadding(false);
        facts.setId("alert-facts");
        facts.getStyle().set("display", "grid").set("grid-template-columns", "max-content 1fr")
                .set("column-gap", "var(--lumo-space-m)").set("font-size", "var(--lumo-font-size-s)");

        notifications.setId("alert-notifications");
        notifications.addThemeVariants(GridVariant.LUMO_COMPACT);
        notifications.addColumn(n -> AlertText.time(n.at())).setHeader("Time").setAutoWidth(true);
        notifications.addColumn(Notification::channel).setHeader("Channel").setAutoWidth(true);
        notifications.addColumn(Notification::status).setHeader("Notified").setAutoWidth(true);
        notifications.addColumn(n -> n.sent() ? "sent" : "failed: " + n.detail()).setHeader("Outcome").setFlexGrow(3);
        notifications.setAllRowsVisible(true);

        anomalies.setId("alert-anomalies");
        anomalies.addThemeVariants(GridVariant.LUMO_COMPACT);
        anomalies.addColumn(a -> AlertText.time(a.time())).setHeader("Time").setAutoWidth(true);
        anomalies.addColumn(a -> AlertText.num(a.value())).setHeader("Value");
        anomalies.addColumn(a -> AlertText.num(a.expected())).setHeader("Expected");
        anomalies.addColumn(a -> AlertText.num(a.score())).setHeader("Score");
        anomalies.addColumn(a -> {
            Triage t = labels.get(a.time());
            return t == null ? "" : t.label();
        }).setHeader("Label").setKey("label").setAutoWidth(true);
        if (operator) {
            anomalies.addComponentColumn(a -> actions.labelMenu(a)).setHeader("").setKey("label-menu");
        }
        anomalies.setHeight("260px");
        setVisible(false);
        add(title, facts, actions, new H4("Notifications"), notifications, new H4("Anomalies"), anomalies);
    }

    void show(Alert a) {
        shown = a;
        setVisible(true);
        title.setText("Alert #" + a.id() + " · " + a.stream());
        facts.removeAll();
        fact("State", AlertText.badge(a));
        fact("Started", AlertText.time(a.startsAt()));
        fact("Fired", AlertText.time(a.firedAt()));
        fact("Ended", a.endsAt() == null ? "still open" : AlertText.time(a.endsAt()) + " (" + a.resolution() + ")");
        fact("Anomalies", a.anomalies() + ", the last " + AlertText.last(a));
        fact("Severity", AlertText.num(a.lastSeverity()) + " (" + a.severityLabel() + ")");
        fact("Detector", a.detector() == null ? "–" : a.detector());
        fact("Acknowledged", a.acknowledged() ? a.acknowledgement().by() + " at " + AlertText.time(a.acknowledgement().at())
                + (a.acknowledgement().comment().isEmpty() ? "" : ": " + a.acknowledgement().comment()) : "no");
        fact("Silenced", a.silenced() ? a.silencedBy() : "no");
        fact("Stream", AlertsView.dashboardLink(a.stream()));
        actions.show(a);
        notifications.setItems(alerts.notifications(a.id()));
        List<Anomaly> held = alerts.anomalies(a);
        labels = held.isEmpty() ? Map.of() : alerts.labels(a.stream(), held.getFirst().time(), held.getLast().time());
        anomalies.setItems(held);
    }

    /** Shows the alert again as it is now. */
    void refresh() {
        if (shown != null) {
            alerts.get(shown.id()).ifPresent(this::show);
        }
    }

    Alert shown() {
        return shown;
    }

    private void fact(String label, Object value) {
        Span l = new Span(label);
        l.getStyle().set("color", "var(--lumo-secondary-text-color)");
        facts.add(l);
        if (value instanceof com.vaadin.flow.component.Component c) {
            facts.add(new HorizontalLayout(c));
        } else {
            facts.add(new Span(String.valueOf(value)));
        }
    }

    boolean operator() {
        return operator;
    }
}
