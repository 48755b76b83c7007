package dev.zscope.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.zscope.base.ui.Toasts;
import dev.zscope.anomaly.AnomalyReason;
import dev.zscope.dashboard.ui.TimeRange;
import dev.zscope.engine.Anomaly;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;

/**
 * Tells a signed-in person about new anomalies on any stream without flooding them: one
 * notification per push at most, and while it is on screen further anomalies update its count ("5 new anomalies")
 * instead of opening another. It says why a point was flagged and names the alert the newest
 * anomaly belongs to ("alert #17 firing"), and a click opens the chart at the moment of the newest
 * one, highlighted. Runs on the UI thread (inside {@code UI.access}).
 */
final class AnomalyNotifier {

    private static final int DURATION_MS = 5_000;
    private final Function<String, String> alertOf;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private Notification open;
    private final Span text = new Span();
    private int shown;
    private Anomaly newest;

    /** @param alertOf the open alert of a stream in words ("alert #17 firing"), or null when it has none */
    AnomalyNotifier(Function<String, String> alertOf) {
        this.alertOf = alertOf;
    }

    /** Reports {@code count} new anomalies, the newest of which is {@code newest}. */
    void report(int count, Anomaly newest) {
        if (count <= 0) {
            return;
        }
        String alert = newest == null ? null : alertOf.apply(newest.stream());
        String suffix = alert == null ? "" : " · " + alert;
        if (newest != null) {
            this.newest = newest;
        }
        if (open != null && open.isOpened()) {
            shown += count;
            text.setText(shown + " new anomalies (newest on " + this.newest.stream() + suffix + ")");
            return;
        }
        shown = count;
        text.setText(count == 1 || newest == null ? describe(newest) + suffix
                : count + " new anomalies (newest on " + newest.stream() + suffix + ")");
        Span action = new Span(this.newest == null ? "" : " Show on the chart");
        action.getStyle().set("text-decoration", "underline").set("font-weight", "600");
        Div content = new Div(text, action);
        content.setId("anomaly-toast");
        content.getStyle().set("cursor", "pointer");
        content.getElement().setAttribute("role", "button");
        content.addClickListener(e -> openNewest());
        open = new Notification(content);
        open.setDuration(DURATION_MS);
        open.setPosition(Toasts.POSITION);
        open.addThemeVariants(NotificationVariant.LUMO_ERROR);
        open.open();
    }

    /** Opens the dashboard at the newest anomaly reported, highlighted. */
    void openNewest() {
        if (open != null) {
            open.close();
        }
        if (newest != null) {
            UI.getCurrent().navigate("", TimeRange.moment(newest.stream(), newest.time().toEpochMilli()));
        }
    }

    /** The text on screen; for tests. */
    String text() {
        return text.getText();
    }

    static String describe(Anomaly a) {
        if (a == null) {
            return "1 new anomaly";
        }
        String severity = Double.isNaN(a.severity()) ? ""
                : String.format(Locale.ROOT, " (severity %.3f)", Math.floor(a.severity() * 1e3) / 1e3);
        return String.format(Locale.ROOT, "Anomaly on %s at %s UTC: %.4g%s, %s.", a.stream(), TIME.format(a.time()),
                a.value(), severity, AnomalyReason.of(a.value(), a.expected(), a.lower(), a.upper()));
    }
}
