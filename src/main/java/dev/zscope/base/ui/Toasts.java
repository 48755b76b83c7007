package dev.zscope.base.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/**
 * The app's short messages ("Settings applied", an anomaly on another stream), all in one place
 * on the screen: the top right corner, over the header, where they hide no content. On a phone
 * {@code styles.css} keeps them to one line, so they fit inside the header's height.
 */
public final class Toasts {

    /** Where every toast appears. */
    public static final Notification.Position POSITION = Notification.Position.TOP_END;

    private static final int SHORT_MS = 2_500;
    private static final int LONG_MS = 5_000;

    private Toasts() {
    }

    /** Something the user asked for was done. */
    public static Notification success(String text) {
        return show(text, SHORT_MS, NotificationVariant.LUMO_SUCCESS);
    }

    /** Something the user asked for was not done, and why. */
    public static Notification error(String text) {
        return show(text, LONG_MS, NotificationVariant.LUMO_ERROR);
    }

    /** Something that happened, unasked. */
    public static Notification info(String text) {
        return show(text, SHORT_MS, null);
    }

    /** An open toast of {@code durationMs}, in the common place. */
    public static Notification show(String text, int durationMs, NotificationVariant variant) {
        Notification n = new Notification(text, durationMs, POSITION);
        if (variant != null) {
            n.addThemeVariants(variant);
        }
        n.open();
        return n;
    }
}
