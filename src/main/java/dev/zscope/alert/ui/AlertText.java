package dev.zscope.alert.ui;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.zscope.alert.Alert;
import dev.zscope.alert.AlertState;
import dev.zscope.base.ui.BrowserTime;
import java.time.Instant;
import java.util.Locale;

/** How the alert views write alerts: state badges, figures, times in the viewer's zone, messages. */
final class AlertText {

    private AlertText() {
    }

    /** "firing", "pending", "resolved", "no data", with the flags: "firing · acknowledged · flapping". */
    static String state(Alert a) {
        String s = a.state() == AlertState.NODATA ? "no data" : a.state().label();
        return a.flags().isEmpty() ? s : s + " · " + String.join(" · ", a.flags());
    }

    /** A badge for the state: red when firing or no data, orange when pending, green when resolved. */
    static Span badge(Alert a) {
        Span s = new Span(state(a));
        s.getElement().getThemeList().add("badge");
        switch (a.state()) {
            case FIRING, NODATA -> s.getElement().getThemeList().add(a.silenced() || a.acknowledged() ? "contrast" : "error");
            case PENDING -> s.getElement().getThemeList().add("contrast");
            case RESOLVED -> s.getElement().getThemeList().add("success");
        }
        return s;
    }

    static String time(Instant t) {
        return t == null ? "–" : BrowserTime.format(t);
    }

    static String num(double d) {
        if (Double.isNaN(d)) {
            return "–";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "∞" : "−∞";
        }
        return String.format(Locale.ROOT, "%.4g", d);
    }

    /** The last anomaly in a few words: "93.2 (expected 50.1, score 7.12)". */
    static String last(Alert a) {
        Alert.Facts f = a.last();
        if (f == null) {
            return a.lastAnomalyAt() == null ? "–" : "no point since " + time(a.lastAnomalyAt());
        }
        return num(f.value()) + " (expected " + num(f.expected()) + ", score " + num(f.score()) + ")";
    }

    static void error(String message) {
        Notification.show(message, 5000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    static void done(String message) {
        Notification.show(message, 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
