package dev.zscope.alert.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.zscope.alert.Alert;
import dev.zscope.alert.AlertService;
import dev.zscope.alert.SilenceService;
import dev.zscope.alert.Triage;
import dev.zscope.engine.Anomaly;
import java.time.Duration;
import org.springframework.security.access.AccessDeniedException;

/**
 * What an operator does about an alert: acknowledge it (repeats stop until it resolves), silence
 * its stream for a while, label its anomalies. Viewers see why they cannot; the services check the
 * role again, since a hidden button is no security.
 */
class AlertActions extends VerticalLayout {

    /** How long "Silence stream" silences. */
    enum Length {
        HOUR("1 hour", Duration.ofHours(1)), HOURS_4("4 hours", Duration.ofHours(4)), DAY("1 day", Duration.ofDays(1)),
        WEEK("7 days", Duration.ofDays(7));

        final String label;
        final Duration duration;

        Length(String label, Duration duration) {
            this.label = label;
            this.duration = duration;
        }
    }

    private final AlertService alerts;
    private final SilenceService silences;
    private final Runnable changed;
    private final TextField comment = new TextField();
    private final Button acknowledge = new Button("Acknowledge", e -> acknowledge());
    private final Select<Length> length = new Select<>();
    private final Button silence = new Button("Silence stream", e -> silence());
    private final Select<Triage> triage = new Select<>();
    private final Button label = new Button("Label all its anomalies", e -> labelAll());
    private Alert alert;

    AlertActions(AlertService alerts, SilenceService silences, boolean operator, Runnable changed) {
        this.alerts = alerts;
        this.silences = silences;
        this.changed = changed;
        setPadding(false);
        setSpacing(false);
        if (!operator) {
            Span note = new Span("Read-only: operators acknowledge, silence and label alerts.");
            note.setId("alert-read-only");
            note.getStyle().set("color", "var(--lumo-secondary-text-color)");
            add(note);
            return;
        }
        comment.setId("alert-comment");
        comment.setPlaceholder("Comment (optional)");
        comment.setMaxLength(1000);
        comment.setWidth("18em");
        acknowledge.setId("alert-acknowledge");
        acknowledge.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        length.setId("alert-silence-length");
        length.setAriaLabel("Silence for");
        length.setItems(Length.values());
        length.setItemLabelGenerator(l -> l.label);
        length.setValue(Length.HOURS_4);
        length.setWidth("9em");
        silence.setId("alert-silence");
        triage.setId("alert-triage");
        triage.setAriaLabel("Label");
        triage.setItems(Triage.values());
        triage.setItemLabelGenerator(Triage::label);
        triage.setValue(Triage.TRUE_POSITIVE);
        label.setId("alert-label");
        HorizontalLayout row = new HorizontalLayout(comment, acknowledge, length, silence, triage, label);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.getStyle().set("flex-wrap", "wrap");
        add(row);
    }

    void show(Alert a) {
        alert = a;
        acknowledge.setEnabled(a.state().open() && !a.acknowledged());
        silence.setEnabled(a.state().open());
    }

    private void acknowledge() {
        act(() -> {
            alerts.acknowledge(alert.id(), comment.getValue());
            AlertText.done("Alert #" + alert.id() + " acknowledged: no repeats until it resolves");
        });
    }

    private void silence() {
        act(() -> {
            Length l = length.getValue() == null ? Length.HOURS_4 : length.getValue();
            silences.silenceStream(alert.stream(), l.duration, comment.getValue());
            AlertText.done(alert.stream() + " silenced for " + l.label);
        });
    }

    private void labelAll() {
        act(() -> {
            Triage t = triage.getValue() == null ? Triage.TRUE_POSITIVE : triage.getValue();
            int n = alerts.labelAlert(alert.id(), t, comment.getValue());
            AlertText.done(n + (n == 1 ? " anomaly" : " anomalies") + " labelled " + t.label()
                    + (t == Triage.EXPECTED ? ": alert resolved, detector re-baselined" : ""));
        });
    }

    /** A small menu to label one anomaly. */
    Select<Triage> labelMenu(Anomaly a) {
        Select<Triage> menu = new Select<>();
        menu.setItems(Triage.values());
        menu.setItemLabelGenerator(Triage::label);
        menu.setPlaceholder("Label…");
        menu.setAriaLabel("Label this anomaly");
        menu.setWidth("12em");
        menu.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                act(() -> {
                    alerts.label(a, e.getValue(), comment.getValue());
                    AlertText.done("Labelled " + e.getValue().label());
                });
            }
        });
        return menu;
    }

    private void act(Runnable action) {
        try {
            action.run();
            comment.clear();
            changed.run();
        } catch (AccessDeniedException e) {
            AlertText.error("Only an operator or admin can do that.");
        } catch (IllegalArgumentException | IllegalStateException e) {
            AlertText.error(e.getMessage());
        }
    }
}
