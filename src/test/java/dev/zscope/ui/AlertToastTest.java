package dev.zscope.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import dev.zscope.KaribuTest;
import dev.zscope.alert.Alert;
import dev.zscope.alert.AlertService;
import dev.zscope.alert.ui.Incidents;
import dev.zscope.alert.ui.SilencesView;
import dev.zscope.engine.Anomaly;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.LiveBatch;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** On-page toasts stay immediate and coalesced, and say which alert they belong to. */
class AlertToastTest extends KaribuTest {

    @Autowired
    DetectionEngine engine;
    @Autowired
    AlertService alerts;

    private static Anomaly anomaly(String stream) {
        return new Anomaly(Instant.now(), stream, 100, 50, 0.999, 10, 9, 11, 1, 90, 3, 20, "zscore");
    }

    private static List<String> toasts() {
        return NotificationsKt.getNotifications().stream().map(n -> n.getElement().getTextRecursively()).toList();
    }

    @Test
    void aToastNamesTheAlertItsAnomalyBelongsTo() {
        Alert a = Incidents.fire(engine, alerts, "toast-stream", 100);
        login("victor", "VIEWER");
        UI.getCurrent().navigate(SilencesView.class);
        NotificationsKt.clearNotifications();
        MainLayout layout = _get(MainLayout.class, spec -> { });
        layout.onBatch(new LiveBatch(null, List.of(), 0, null, List.of(anomaly("toast-stream")), 0));
        assertThat(toasts()).singleElement().asString().startsWith("Anomaly on toast-stream")
                .contains("· alert #" + a.id() + " firing");

        layout.onBatch(new LiveBatch(null, List.of(), 0, null, List.of(anomaly("toast-stream"), anomaly("toast-stream")), 0));
        assertThat(toasts()).as("coalesced into the open toast").singleElement().asString()
                .startsWith("3 new anomalies (newest on toast-stream · alert #" + a.id() + " firing)");
    }

    @Test
    void anAnomalyWithoutAnOpenAlertSaysNothingOfOne() {
        login("victor", "VIEWER");
        UI.getCurrent().navigate(SilencesView.class);
        NotificationsKt.clearNotifications();
        _get(MainLayout.class, spec -> { }).onBatch(new LiveBatch(null, List.of(), 0, null,
                List.of(anomaly("no-alert-stream")), 0));
        assertThat(toasts()).singleElement().asString().startsWith("Anomaly on no-alert-stream").doesNotContain("alert #");
        assertThat(NotificationsKt.getNotifications()).allMatch(Notification::isOpened);
    }
}
