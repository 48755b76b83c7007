package dev.zscope.base.ui;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The browser's time zone for a UI, so every time shown is the viewer's local time. Asked once
 * per UI from the browser; UTC until it answers (and in browserless tests).
 */
public final class BrowserTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private BrowserTime() {
    }

    /** Asks the browser for its zone, then runs {@code whenKnown} on the UI thread. */
    public static void detect(UI ui, Runnable whenKnown) {
        ui.getPage().retrieveExtendedClientDetails(details -> {
            ZoneId zone;
            try {
                zone = ZoneId.of(details.getTimeZoneId());
            } catch (RuntimeException unknownZone) {
                zone = ZoneOffset.UTC;
            }
            ComponentUtil.setData(ui, ZoneId.class, zone);
            whenKnown.run();
        });
    }

    public static ZoneId zone(UI ui) {
        ZoneId zone = ui == null ? null : ComponentUtil.getData(ui, ZoneId.class);
        return zone == null ? ZoneOffset.UTC : zone;
    }

    public static ZoneId zone() {
        return zone(UI.getCurrent());
    }

    /** A timestamp as local date and time in the current UI's zone. */
    public static String format(Instant time) {
        return FORMAT.format(time.atZone(zone()));
    }
}
