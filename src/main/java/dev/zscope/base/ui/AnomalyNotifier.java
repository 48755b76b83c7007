package dev.zscope.base.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.zscope.stream.StreamPoint;
import java.util.List;
import java.util.Locale;

/**
 * Tells a signed-in person about new anomalies without flooding them: one notification per batch
 * at most, and while it is on screen further anomalies update its count ("5 new anomalies")
 * instead of opening another. Runs on the UI thread (inside {@code UI.access}).
 */
final class AnomalyNotifier {

    private static final int DURATION_MS = 5_000;
    private Notification open;
    private int shown;

    /** Reports the anomalies of one pushed batch. */
    void report(String stream, List<StreamPoint> anomalies) {
        if (anomalies.isEmpty()) {
            return;
        }
        if (open != null && open.isOpened()) {
            shown += anomalies.size();
            open.setText(shown + " new anomalies on " + stream);
            return;
        }
        shown = anomalies.size();
        String text = shown == 1 ? describe(stream, anomalies.getFirst())
                : shown + " new anomalies on " + stream;
        open = new Notification(text, DURATION_MS, Notification.Position.BOTTOM_END);
        open.addThemeVariants(NotificationVariant.LUMO_ERROR);
        open.open();
    }

    private static String describe(String stream, StreamPoint p) {
        return String.format(Locale.ROOT, "Anomaly on %s: %.3f (z = %.2f)", stream, p.value(), p.z());
    }
}
