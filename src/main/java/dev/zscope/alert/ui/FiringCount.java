package dev.zscope.alert.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Anchor;
import dev.zscope.alert.AlertService;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.ui.LiveUi;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The header's count of firing alerts, on every page: a badge that links to them, red while any
 * fire. Refreshed with the tab's live updates (the count is read from memory, so it costs nothing).
 */
public class FiringCount extends Anchor {

    private final AlertService alerts;
    private int shown = -1;

    public FiringCount(AlertService alerts, DetectionEngine engine, Supplier<Duration> pushInterval) {
        this.alerts = alerts;
        setId("status-firing");
        setHref("alerts?state=firing");
        getElement().getThemeList().add("badge");
        getStyle().set("white-space", "nowrap").set("text-decoration", "none");
        LiveUi.bind(this, engine, pushInterval::get, batch -> update());
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        update();
    }

    /** Shows the count now. */
    public void update() {
        int n = alerts.firingCount();
        if (n == shown) {
            return;
        }
        shown = n;
        setText(n == 1 ? "1 alert firing" : n + " alerts firing");
        getElement().getThemeList().remove(n > 0 ? "success" : "error");
        getElement().getThemeList().add(n > 0 ? "error" : "success");
        setTitle(n > 0 ? "Open the firing alerts" : "No alert is firing");
    }
}
