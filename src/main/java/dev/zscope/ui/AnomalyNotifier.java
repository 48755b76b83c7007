package dev.zscope.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.zscope.base.ui.Toasts;
import dev.zscope.engine.Anomaly;
import java.util.Locale;
import java.util.function.Function;

/**
 * Tells a signed-in person about new anomalies on any stream without flooding them: one
 * notification per push at most, and while it is on screen further anomalies update its count ("5 new anomalies")
 * instead of opening another. Each names the alert the newest anomaly belongs to ("alert #17
 * firing"), so a toast leads to the incident. Runs on the UI thread (inside {@code UI.access}).
 */
final class AnomalyNotifier {

    private static final int DURATION_MS = 5_000;
    private final Function<String, String> alertOf;
    private Notification open;
    private int shown;

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
        if (open != null && open.isOpened()) {
            shown += count;
            open.setText(shown + " new anomalies (newest on " + newest.stream() + suffix + ")");
            return;
        }
        shown = count;
        String text = count == 1 || newest == null ? describe(newest) + suffix
                : count + " new anomalies (newest on " + newest.stream() + suffix + ")";
        open = new Notification(text, DURATION_MS, Toasts.POSITION);
        open.addThemeVariants(NotificationVariant.LUMO_ERROR);
        open.open();
    }

    private static String describe(Anomaly a) {
        if (a == null) {
            return "1 new anomaly";
        }
        return Double.isNaN(a.z())
                ? String.format(Locale.ROOT, "Anomaly on %s: %.3f (expected %.3f, score %.3g)", a.stream(), a.value(),
                        a.expected(), a.score())
                : String.format(Locale.ROOT, "Anomaly on %s: %.3f (z = %.2f)", a.stream(), a.value(), a.z());
    }
}
