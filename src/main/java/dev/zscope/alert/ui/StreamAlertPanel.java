package dev.zscope.alert.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.function.SerializableFunction;
import dev.zscope.alert.Alert;
import dev.zscope.alert.AlertProperties;
import dev.zscope.alert.AlertRule;
import dev.zscope.alert.AlertService;
import dev.zscope.alert.Durations;
import dev.zscope.alert.Precision;
import dev.zscope.detection.catalog.DetectorChoice;
import java.time.Duration;
import java.util.Optional;

/**
 * A stream's alerting on its dashboard: its open alert (if any), the rule it runs (admins change
 * it here, for this stream only), and what its triage labels say: the precision figure and a
 * threshold suggestion shown with a Preview on history, never applied by itself.
 */
public class StreamAlertPanel extends VerticalLayout {

    private final AlertService alerts;
    private final boolean admin;
    private final SerializableFunction<DetectorChoice, String> preview;
    private final SerializableFunction<String, DetectorChoice> detector;
    private final Span state = new Span();
    private final Span rule = new Span();
    private final Span precision = new Span();
    private final Span suggestion = new Span();
    private final Button tryIt = new Button("Preview on history", e -> preview());
    private final Span previewResult = new Span();
    private final IntegerField pending = new IntegerField("Anomalies to fire");
    private final TextField pendingWindow = new TextField("Within");
    private final TextField keepFiring = new TextField("Resolve after quiet");
    private final NumberField minSeverity = new NumberField("Min severity (0–1)");
    private final Checkbox nodata = new Checkbox("Alert when data stops");
    private final TextField nodataAfter = new TextField("No data after");
    private String stream;
    private Precision.Suggestion shownSuggestion;
    private long version = -1;

    /**
     * @param preview  runs candidate detector settings over the stream's recent history (the
     *                 dashboard marks what they would flag) and says what they would have raised
     * @param detector the detector choice a stream runs
     */
    public StreamAlertPanel(AlertService alerts, boolean admin, SerializableFunction<DetectorChoice, String> preview,
                            SerializableFunction<String, DetectorChoice> detector) {
        this.alerts = alerts;
        this.admin = admin;
        this.preview = preview;
        this.detector = detector;
        setId("stream-alerts");
        setPadding(false);
        setSpacing(false);
        state.setId("stream-alert-state");
        rule.setId("stream-alert-rule");
        precision.setId("stream-precision");
        suggestion.setId("stream-suggestion");
        tryIt.setId("stream-suggestion-preview");
        tryIt.addThemeVariants(ButtonVariant.LUMO_SMALL);
        previewResult.setId("stream-suggestion-result");
        for (Span s : new Span[] {rule, precision, suggestion, previewResult}) {
            s.getStyle().set("font-size", "var(--lumo-font-size-s)");
        }
        add(new H4("Alerts"), state, rule);
        if (admin) {
            add(ruleForm());
        }
        add(precision, new HorizontalLayout(suggestion, tryIt), previewResult);
    }

    private VerticalLayout ruleForm() {
        pending.setId("stream-rule-pending");
        pending.setMin(1);
        pending.setMax(AlertRule.MAX_PENDING);
        pendingWindow.setId("stream-rule-pending-window");
        keepFiring.setId("stream-rule-keep-firing");
        minSeverity.setId("stream-rule-min-severity");
        minSeverity.setMin(0);
        minSeverity.setMax(1);
        minSeverity.setStep(0.01);
        nodata.setId("stream-rule-nodata");
        nodataAfter.setId("stream-rule-nodata-after");
        FormLayout f = new FormLayout(pending, pendingWindow, keepFiring, minSeverity, nodata, nodataAfter);
        f.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("260px", 2));
        Button apply = new Button("Apply to this stream", e -> applyRule());
        apply.setId("stream-rule-apply");
        Button reset = new Button("Use the default", e -> resetRule());
        reset.setId("stream-rule-default");
        reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        VerticalLayout box = new VerticalLayout(f, new HorizontalLayout(apply, reset));
        box.setPadding(false);
        return box;
    }

    /** Shows {@code name}'s alerting (null: no stream). */
    public void show(String name) {
        stream = name;
        version = -1;
        previewResult.setText("");
        refresh();
    }

    /** Reads the stream's alert again if any alert changed since the last time. */
    public void refresh() {
        if (alerts.version() == version) {
            return;
        }
        version = alerts.version();
        if (stream == null) {
            state.setText("No stream yet.");
            return;
        }
        Optional<Alert> open = alerts.openFor(stream);
        state.removeAll();
        state.setText("");
        if (open.isEmpty()) {
            state.setText("No open alert.");
        } else {
            Alert a = open.get();
            state.add(AlertText.badge(a), new Span(" since " + AlertText.time(a.startsAt()) + " · " + a.anomalies()
                    + (a.anomalies() == 1 ? " anomaly " : " anomalies ")), new Anchor("alerts?alert=" + a.id(),
                    "alert #" + a.id()));
        }
        AlertRule r = alerts.rule(stream);
        rule.setText("Rule (" + alerts.ruleOrigin(stream) + "): " + r.describe() + ".");
        if (admin) {
            pending.setValue(r.pending());
            pendingWindow.setValue(Durations.text(r.pendingWindow()));
            keepFiring.setValue(Durations.text(r.keepFiringFor()));
            minSeverity.setValue(r.minSeverity());
            nodata.setValue(r.nodata());
            nodataAfter.setValue(Durations.text(r.nodataAfter()));
        }
        Precision p = alerts.precision(stream);
        precision.setText("Triage: " + p.describe());
        shownSuggestion = p.suggestion();
        suggestion.setText(shownSuggestion == null ? "" : "Suggestion: " + shownSuggestion.describe() + ".");
        tryIt.setVisible(shownSuggestion != null);
    }

    private void preview() {
        if (shownSuggestion != null && stream != null) {
            previewResult.setText(preview.apply(shownSuggestion.apply(detector.apply(stream))));
        }
    }

    private void applyRule() {
        try {
            Integer n = pending.getValue();
            Double severity = minSeverity.getValue();
            AlertProperties.RuleConfig r = new AlertProperties.RuleConfig(n, Durations.parse(pendingWindow.getValue()),
                    Durations.parse(keepFiring.getValue()), severity, nodata.getValue(),
                    Durations.parse(nodataAfter.getValue()));
            r.over(alerts.defaultRule());
            alerts.setRule(stream, r);
            AlertText.done("Alert rule of " + stream + " applied");
            version = -1;
            refresh();
        } catch (org.springframework.security.access.AccessDeniedException e) {
            AlertText.error("Only an admin can change alert rules.");
        } catch (IllegalArgumentException | NullPointerException e) {
            AlertText.error("Not applied: " + (e.getMessage() == null ? "fill in every field" : e.getMessage()));
        }
    }

    private void resetRule() {
        try {
            alerts.setRule(stream, null);
            version = -1;
            refresh();
        } catch (org.springframework.security.access.AccessDeniedException e) {
            AlertText.error("Only an admin can change alert rules.");
        }
    }

    /** For tests: the keep-firing-for field. */
    Duration keepFiringShown() {
        return Durations.parse(keepFiring.getValue());
    }
}
