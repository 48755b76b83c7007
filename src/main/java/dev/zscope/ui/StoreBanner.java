package dev.zscope.ui;

import com.vaadin.flow.component.html.Div;
import dev.zscope.anomaly.StoreHealth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A red line under the header while anomalies cannot be stored (disk full, database down): the
 * people watching must learn it from the page, not from a 507 in some client's log. Hidden while
 * the store is healthy; refreshed with every push.
 */
class StoreBanner extends Div {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    StoreBanner() {
        setId("store-banner");
        getElement().setAttribute("role", "alert");
        getStyle().set("background", "var(--lumo-error-color)").set("color", "var(--lumo-error-contrast-color)")
                .set("padding", "var(--lumo-space-xs) var(--lumo-space-m)").set("font-size", "var(--lumo-font-size-s)")
                .set("width", "100%").set("box-sizing", "border-box");
        setVisible(false);
    }

    private StoreHealth shown;
    private ZoneId shownZone;

    /** Shows {@code health}; a healthy store hides the banner. Called every push: unchanged, it sends nothing. */
    void show(StoreHealth health, ZoneId zone) {
        if (health.equals(shown) && zone.equals(shownZone)) {
            return;
        }
        shown = health;
        shownZone = zone;
        setVisible(!health.ok());
        if (health.ok()) {
            return;
        }
        String since = health.since() == null ? "" : " since " + TIME.format(health.since().atZone(zone));
        setText((health.diskFull() ? "The disk is full" : "Anomalies cannot be stored") + since + ": "
                + (health.reason() == null ? "writes fail" : health.reason()) + ". New points are refused (the API answers "
                + (health.diskFull() ? "507" : "503") + ") until writing works again, which resumes by itself;"
                + " nothing already acknowledged is lost.");
    }
}
