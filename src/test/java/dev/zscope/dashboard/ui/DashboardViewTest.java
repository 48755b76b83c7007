package dev.zscope.dashboard.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.DownloadKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinSession;
import dev.zscope.KaribuTest;
import dev.zscope.anomaly.Anomaly;
import dev.zscope.anomaly.AnomalyService;
import dev.zscope.ui.MainLayout;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.settings.SettingsService;
import dev.zscope.settings.ZscopeSettings;
import dev.zscope.engine.DetectionEngine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The dashboard in a mocked browser: roles, the settings form, the grid, pushes, notifications. */
class DashboardViewTest extends KaribuTest {

    @Autowired
    DetectionEngine engine;
    @Autowired
    SettingsService settings;
    @Autowired
    AnomalyService anomalies;

    private ZscopeSettings original;
    private long clock = 1_700_000_000_000L;

    @BeforeEach
    void remember() {
        original = settings.current();
    }

    @AfterEach
    void restore() {
        settings.update(original);
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginForm() {
        UI.getCurrent().navigate(DashboardView.class);
        _assertOne(LoginForm.class);
        _assertNone(DashboardView.class);
    }

    @SuppressWarnings("unchecked")
    private static void chooseDetector(String name) {
        _setValue(_get(Select.class, spec -> spec.withId("settings-detector")), name);
    }

    private static TextField param(String key) {
        return _get(TextField.class, spec -> spec.withId("settings-param-" + key));
    }

    private static String detectorError() {
        return _get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("settings-detector-error")).getText();
    }

    @Test
    void anAdminChoosesADetectorAndAThresholdAndTheEngineUsesThem() {
        login("alice", "ADMIN");
        UI.getCurrent().navigate(DashboardView.class);
        chooseDetector("zscore");
        _setValue(param("threshold"), "4.25");
        _click(_get(Button.class, spec -> spec.withId("settings-apply")));
        assertThat(engine.detectorChoice().detector()).isEqualTo("zscore");
        assertThat(engine.detectorChoice().setting("threshold")).isEqualTo("4.25");
        assertThat(settings.current().detection()).isEqualTo(engine.detectorChoice());
    }

    @Test
    void anAdminGivesOneStreamADetectorOfItsOwn() {
        engine.process("own-detector-stream", clock++, 1, false);
        login("alice", "ADMIN");
        UI.getCurrent().navigate(DashboardView.class,
                new com.vaadin.flow.router.QueryParameters(java.util.Map.of("stream", List.of("own-detector-stream"))));
        chooseDetector("ewma");
        @SuppressWarnings("unchecked")
        Select<Object> scope = _get(Select.class, spec -> spec.withId("settings-scope"));
        scope.setValue(scope.getListDataView().getItems().filter(v -> v.toString().equals("STREAM")).findFirst().orElseThrow());
        _click(_get(Button.class, spec -> spec.withId("settings-apply")));
        assertThat(engine.detectorChoice("own-detector-stream").detector()).isEqualTo("ewma");
        assertThat(engine.detectorChoice()).isEqualTo(original.detection());
        assertThat(settings.current().streamDetectors()).containsKey("own-detector-stream");
        settings.updateStream("own-detector-stream", null);
    }

    @Test
    void aViewerSeesTheSettingsReadOnlyAndCannotApply() {
        login("victor", "VIEWER");
        UI.getCurrent().navigate(DashboardView.class);
        _assertOne(DashboardView.class);
        _assertNone(Button.class, spec -> spec.withId("settings-apply"));
        @SuppressWarnings("unchecked")
        Select<String> detector = _get(Select.class, spec -> spec.withId("settings-detector"));
        assertThat(detector.isReadOnly()).isTrue();
        assertThat(_get(IntegerField.class, spec -> spec.withId("settings-update")).isReadOnly()).isTrue();
        assertThat(engine.detectorChoice()).isEqualTo(original.detection());
    }

    @Test
    void invalidValuesShowErrorsAndChangeNothing() {
        login("alice", "ADMIN");
        UI.getCurrent().navigate(DashboardView.class);
        chooseDetector("zscore");
        _setValue(param("window"), "20");
        _setValue(param("warmup"), "50");
        _click(_get(Button.class, spec -> spec.withId("settings-apply")));
        assertThat(detectorError()).contains("warmup must be at most the window (20)");
        assertThat(param("warmup").isInvalid()).as("the error is shown at the setting it names").isTrue();
        assertThat(param("warmup").getErrorMessage()).isEqualTo("warmup must be at most the window (20), got '50'");
        assertThat(param("window").isInvalid()).isFalse();
        assertThat(engine.detectorChoice()).isEqualTo(original.detection());
        assertThat(settings.current()).isEqualTo(original);

        _setValue(param("warmup"), "");
        _setValue(param("threshold"), "banana");
        _click(_get(Button.class, spec -> spec.withId("settings-apply")));
        assertThat(detectorError()).contains("threshold");
        assertThat(param("threshold").isInvalid()).isTrue();
        assertThat(param("warmup").isInvalid()).as("a field no longer at fault is cleared").isFalse();
        assertThat(settings.current()).isEqualTo(original);

        _setValue(param("threshold"), "");
        IntegerField update = _get(IntegerField.class, spec -> spec.withId("settings-update"));
        _setValue(update, 1);
        _click(_get(Button.class, spec -> spec.withId("settings-apply")));
        assertThat(update.isInvalid()).isTrue();
        assertThat(update.getErrorMessage()).contains("between 10 and 60000");
        assertThat(settings.current()).isEqualTo(original);
    }

    @Test
    void theGridListsLoggedAnomaliesAndTheDownloadContainsThem() {
        login("victor", "VIEWER");
        Anomaly a = new Anomaly(Instant.parse("2099-05-01T10:00:00Z"), "=HYPERLINK(\"x\")", 42.5, 1, 2,
                20.75, 3, 100, "zscore");
        anomalies.record(a);
        UI.getCurrent().navigate(DashboardView.class);
        @SuppressWarnings("unchecked")
        Grid<Anomaly> grid = _get(Grid.class, spec -> spec.withId("anomaly-grid"));
        assertThat(GridKt._size(grid)).isEqualTo(anomalies.count(dev.zscope.anomaly.AnomalyQuery.all()));
        assertThat(GridKt._get(grid, 0)).as("newest first").isEqualTo(a);
        assertThat(GridKt._getFormattedRow(grid, 0)).as("value, score, expected, band, z")
                .contains("42.50", "20.75", "1.000", "-5.000 … 7.000");

        String csv = new String(DownloadKt._download(_get(Anchor.class, spec -> spec.withId("anomaly-download"))),
                StandardCharsets.UTF_8);
        assertThat(csv).startsWith("time,stream,value,score,expected,lower,upper,std,z,threshold,window,detector");
        assertThat(csv).contains("2099-05-01T10:00:00Z,\"'=HYPERLINK(\"\"x\"\")\",42.5,20.75,1.0,-5.0,7.0,2.0,20.75,3.0,100,zscore");
    }

    @Test
    void theMinimumZFilterNarrowsTheGrid() {
        login("victor", "VIEWER");
        anomalies.record(new Anomaly(Instant.parse("2031-01-01T00:00:00Z"), "f", 1, 0, 1, 1e6, 3, 100, "zscore"));
        UI.getCurrent().navigate(DashboardView.class);
        @SuppressWarnings("unchecked")
        Grid<Anomaly> grid = _get(Grid.class, spec -> spec.withId("anomaly-grid"));
        _setValue(_get(NumberField.class, spec -> spec.withId("filter-min-score")), 999_999.0);
        assertThat(GridKt._size(grid)).isEqualTo(anomalies.count(dev.zscope.anomaly.AnomalyQuery.all()
                .withMinScore(999_999.0)));
        assertThat(GridKt._get(grid, 0).z()).isEqualTo(1e6);
    }

    @Test
    void aBurstOfPushedAnomaliesGivesOneNotificationAndReachesTheChart() throws Exception {
        login("victor", "VIEWER");
        UI.getCurrent().navigate(DashboardView.class);
        MainLayout layout = _get(MainLayout.class);
        DashboardView view = _get(DashboardView.class);
        assertThat(layout.isLive()).isTrue();
        assertThat(view.isLive()).isTrue();
        NotificationsKt.clearNotifications();
        settings.update(original.withDetection(new DetectorChoice("zscore", java.util.Map.of())));

        for (int i = 0; i < 100; i++) {
            engine.process(clock++, i % 2, false);
        }
        long sentBefore = view.chart().sentCount();
        for (int i = 0; i < 5; i++) {
            engine.process(clock++, 1_000 + i, false);
        }
        awaitPendingAccess();
        MockVaadin.clientRoundtrip(false);
        long pointsPushed = view.chart().sentCount();
        assertThat(pointsPushed).isGreaterThan(sentBefore);

        List<Notification> shown = NotificationsKt.getNotifications();
        assertThat(shown).hasSize(1);
        assertThat(shown.getFirst().getElement().getProperty("text")).isEqualTo("5 new anomalies");
    }

    @Test
    void previewOnHistoryCountsWhatNewSettingsWouldRaiseWithoutApplyingThem() {
        for (int i = 0; i < 200; i++) {
            engine.process("preview-stream", clock++, i % 2, false);
        }
        engine.process("preview-stream", clock++, 2.5, false); // |z| = 4 against the 0/1 baseline
        login("alice", "ADMIN");
        UI.getCurrent().navigate(DashboardView.class,
                new com.vaadin.flow.router.QueryParameters(java.util.Map.of("stream", List.of("preview-stream"))));
        chooseDetector("zscore");
        _setValue(param("threshold"), "5");
        _click(_get(Button.class, spec -> spec.withId("settings-preview")));
        String atFive = _get(com.vaadin.flow.component.html.Span.class,
                spec -> spec.withId("settings-preview-result")).getText();
        _setValue(param("threshold"), "3.5");
        _click(_get(Button.class, spec -> spec.withId("settings-preview")));
        String atThreeAndAHalf = _get(com.vaadin.flow.component.html.Span.class,
                spec -> spec.withId("settings-preview-result")).getText();
        assertThat(atFive).contains("would have raised 0 anomalies");
        assertThat(atThreeAndAHalf).contains("would have raised 1 anomalies");
        assertThat(engine.detectorChoice()).isEqualTo(original.detection());
    }

    @Test
    void pickingAnotherStreamFollowsThatStream() throws Exception {
        login("victor", "VIEWER");
        engine.process("other-stream", clock++, 1, false);
        UI.getCurrent().navigate(DashboardView.class);
        DashboardView view = _get(DashboardView.class);
        @SuppressWarnings("unchecked")
        Select<String> picker = _get(Select.class, spec -> spec.withId("stream-picker"));
        assertThat(picker.getListDataView().getItems()).contains("simulated", "other-stream");
        _setValue(picker, "other-stream");
        long before = view.chart().sentCount();
        engine.process("other-stream", clock++, 2, false);
        awaitPendingAccess();
        MockVaadin.clientRoundtrip(false);
        assertThat(view.chart().sentCount()).as("backlog and the new point of the picked stream")
                .isGreaterThanOrEqualTo(before + 2);
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("detected-vs-injected"))
                .getText()).startsWith("Detected 0");
    }

    @Test
    void leavingTheDashboardUnsubscribesFromTheEngine() {
        login("victor", "VIEWER");
        int before = engine.subscriberCount();
        for (int i = 0; i < 25; i++) {
            UI.getCurrent().navigate(DashboardView.class);
            assertThat(engine.subscriberCount()).as("one subscription: the header rides on the view's")
                    .isEqualTo(before + 1);
            UI.getCurrent().navigate("login");
            assertThat(engine.subscriberCount()).isEqualTo(before);
        }
    }

    @Test
    void theHeaderRidesOnTheDashboardsPushAndSubscribesOnItsOwnElsewhere() {
        login("victor", "VIEWER");
        int before = engine.subscriberCount();
        UI.getCurrent().navigate(DashboardView.class);
        MainLayout layout = _get(MainLayout.class);
        assertThat(layout.isLive()).isTrue();
        assertThat(layout.isSubscribed()).as("riding on the view's subscription").isFalse();
        assertThat(engine.subscriberCount()).isEqualTo(before + 1);

        UI.getCurrent().navigate("backtest");
        assertThat(_get(MainLayout.class)).isSameAs(layout);
        assertThat(layout.isSubscribed()).as("no view pushes here: the header subscribes itself").isTrue();
        assertThat(engine.subscriberCount()).isEqualTo(before + 1);

        UI.getCurrent().navigate(DashboardView.class);
        assertThat(layout.isSubscribed()).isFalse();
        assertThat(layout.isLive()).isTrue();
        assertThat(engine.subscriberCount()).isEqualTo(before + 1);
    }

    @Test
    void onAFirstPageWithoutALiveViewTheHeaderSubscribesWhenTheResponseIsPrepared() {
        login("victor", "VIEWER");
        int before = engine.subscriberCount();
        UI.getCurrent().navigate("backtest");
        MockVaadin.clientRoundtrip(false); // the header decides when the response is prepared
        MainLayout layout = _get(MainLayout.class);
        assertThat(layout.isSubscribed()).as("no view pushes: the header subscribes itself").isTrue();
        assertThat(engine.subscriberCount()).isEqualTo(before + 1);
    }

    private static void awaitPendingAccess() throws InterruptedException {
        BooleanSupplier pending = () -> !VaadinSession.getCurrent().getPendingAccessQueue().isEmpty();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!pending.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no push within 10 s");
            }
            Thread.sleep(10);
        }
        Thread.sleep(600); // let a later batch arrive too
    }
}
