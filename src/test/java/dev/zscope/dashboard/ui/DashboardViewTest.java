package dev.zscope.dashboard.ui;

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
import dev.zscope.KaribuTest;
import dev.zscope.anomaly.AnomalyService;
import dev.zscope.anomaly.TestAnomalies;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.Anomaly;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.ui.LiveUi;
import dev.zscope.settings.SettingsService;
import dev.zscope.settings.ZscopeSettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

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
        asAdmin(() -> settings.update(original));
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
        assertThat(settings.streamDetector("own-detector-stream")).isNotNull();
        asAdmin(() -> settings.update(settings.current(), "own-detector-stream", null));
    }

    @Test
    void anAdminGivesAStreamHintsAndARefusedOneIsExplainedAtItsField() {
        engine.process("hinted-stream", clock++, 1, false);
        login("alice", "ADMIN");
        UI.getCurrent().navigate(DashboardView.class,
                new com.vaadin.flow.router.QueryParameters(java.util.Map.of("stream", List.of("hinted-stream"))));
        var min = _get(com.vaadin.flow.component.textfield.NumberField.class, spec -> spec.withId("settings-hint-min"));
        var max = _get(com.vaadin.flow.component.textfield.NumberField.class, spec -> spec.withId("settings-hint-max"));
        var period = _get(com.vaadin.flow.component.textfield.IntegerField.class,
                spec -> spec.withId("settings-hint-period"));
        _setValue(min, 0.0);
        _setValue(max, 100.0);
        _setValue(period, 1440);
        _click(_get(Button.class, spec -> spec.withId("settings-apply")));
        assertThat(engine.hints("hinted-stream")).isEqualTo(new dev.zscope.detection.StreamHints(0, 100, 1440));
        MockVaadin.clientRoundtrip(false); // the form shows the settings now in force

        _setValue(max, -5.0);
        _click(_get(Button.class, spec -> spec.withId("settings-apply")));
        assertThat(max.isInvalid()).isTrue();
        assertThat(max.getErrorMessage()).contains("at least the lowest");
        assertThat(engine.hints("hinted-stream")).as("nothing changed").isEqualTo(
                new dev.zscope.detection.StreamHints(0, 100, 1440));
        asAdmin(() -> settings.update(settings.current(), "hinted-stream", null,
                dev.zscope.detection.StreamHints.none()));
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
        Anomaly a = TestAnomalies.zscore(Instant.parse("2099-05-01T10:00:00Z"), "=HYPERLINK(\"x\")", 42.5, 1, 2,
                20.75, 3, 100, "zscore");
        anomalies.recordNow(a);
        UI.getCurrent().navigate(DashboardView.class);
        @SuppressWarnings("unchecked")
        Grid<Anomaly> grid = _get(Grid.class, spec -> spec.withId("anomaly-grid"));
        assertThat(GridKt._size(grid)).isEqualTo(anomalies.count(dev.zscope.anomaly.AnomalyQuery.all()));
        assertThat(GridKt._get(grid, 0)).as("newest first").isEqualTo(a);
        assertThat(GridKt._getFormattedRow(grid, 0)).as("value, score, expected, band, z")
                .contains("42.50", "20.75", "1.000", "-5.000 … 7.000");

        String csv = new String(DownloadKt._download(_get(Anchor.class, spec -> spec.withId("anomaly-download"))),
                StandardCharsets.UTF_8);
        assertThat(csv).startsWith("time,stream,value,score,severity,expected,lower,upper,std,z,threshold,window,detector");
        assertThat(csv).contains("2099-05-01T10:00:00Z,\"'=HYPERLINK(\"\"x\"\")\",42.5,20.75,0.9999999990");
    }

    @Test
    void theMinimumSeverityFilterNarrowsTheGrid() {
        login("victor", "VIEWER");
        anomalies.recordNow(TestAnomalies.zscore(Instant.parse("2031-01-01T00:00:00Z"), "f", 1, 0, 1, 1e6, 3, 100, "zscore"));
        UI.getCurrent().navigate(DashboardView.class);
        @SuppressWarnings("unchecked")
        Grid<Anomaly> grid = _get(Grid.class, spec -> spec.withId("anomaly-grid"));
        _setValue(_get(NumberField.class, spec -> spec.withId("filter-min-severity")), 0.99999);
        assertThat(GridKt._size(grid)).isEqualTo(anomalies.count(dev.zscope.anomaly.AnomalyQuery.all()
                .withMinSeverity(0.99999))).isPositive();
        assertThat(GridKt._get(grid, 0).z()).isEqualTo(1e6);
    }

    @Test
    void aBurstOfPushedAnomaliesGivesOneNotificationAndReachesTheChart() {
        login("victor", "VIEWER");
        UI.getCurrent().navigate(DashboardView.class);
        DashboardView view = _get(DashboardView.class);
        assertThat(live().isSubscribed()).isTrue();
        NotificationsKt.clearNotifications();
        asAdmin(() -> settings.update(original.withDetection(new DetectorChoice("zscore", java.util.Map.of()))));

        for (int i = 0; i < 100; i++) {
            engine.process(view.stream(), clock++, i % 2, false);
        }
        pushUntil(() -> view.chart().sentCount() > 0);
        long sentBefore = view.chart().sentCount();
        for (int i = 0; i < 5; i++) {
            engine.process(view.stream(), clock++, 1_000 + i, false);
        }
        pushUntil(() -> view.chart().sentCount() >= sentBefore + 5
                && NotificationsKt.getNotifications().stream().anyMatch(n -> n.getElement().getProperty("text")
                        .equals("5 new anomalies")));
        assertThat(NotificationsKt.getNotifications()).hasSize(1);
    }

    /** The grid refreshes for an anomaly on any stream, not only the one the chart shows. */
    @Test
    void theGridShowsAnAnomalyOnAnotherStreamAsSoonAsItIsPushed() {
        asAdmin(() -> settings.update(original.withDetection(new DetectorChoice("zscore", java.util.Map.of()))));
        for (int i = 0; i < 40; i++) {
            engine.process("elsewhere", clock++, i % 2, false);
        }
        login("victor", "VIEWER");
        UI.getCurrent().navigate(DashboardView.class);
        assertThat(_get(DashboardView.class).stream()).isNotEqualTo("elsewhere");
        @SuppressWarnings("unchecked")
        Grid<Anomaly> grid = _get(Grid.class, spec -> spec.withId("anomaly-grid"));
        long far = Instant.parse("2199-01-01T00:00:00Z").toEpochMilli(); // newer than any other test's
        engine.process("elsewhere", far, 1_000, false);
        pushUntil(() -> GridKt._size(grid) > 0 && "elsewhere".equals(GridKt._get(grid, 0).stream()));
    }

    /** The header shows the stream the dashboard shows, and all streams on pages without one. */
    @Test
    void theHeaderShowsTheStreamBeingViewed() {
        engine.process("header-stream", clock++, 1, false);
        login("victor", "VIEWER");
        UI.getCurrent().navigate(DashboardView.class,
                new com.vaadin.flow.router.QueryParameters(java.util.Map.of("stream", List.of("header-stream"))));
        com.vaadin.flow.component.html.Span rate = _get(com.vaadin.flow.component.html.Span.class,
                spec -> spec.withId("status-rate"));
        engine.process("header-stream", clock++, 2, false);
        pushUntil(() -> rate.getText().startsWith("header-stream ·"));
        UI.getCurrent().navigate("backtest");
        pushUntil(() -> _get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("status-rate"))
                .getText().matches("\\d+ streams · .*"));
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
        assertThat(atThreeAndAHalf).contains("would have raised 1 anomaly");
        assertThat(engine.detectorChoice()).isEqualTo(original.detection());
    }

    @Test
    void pickingAnotherStreamFollowsThatStream() {
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
        pushUntil(() -> view.chart().sentCount() >= before + 2); // backlog and the new point of the picked stream
        assertThat(live().stream()).isEqualTo("other-stream");
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("detected-vs-injected"))
                .getText()).startsWith("Detected 0");
    }

    /** One engine subscription per tab, whatever it shows; none once the tab shows no layout. */
    @Test
    void aTabHoldsOneSubscriptionWhateverItShowsAndNoneAfterLeaving() {
        login("victor", "VIEWER");
        int before = engine.subscriberCount();
        for (int i = 0; i < 25; i++) {
            UI.getCurrent().navigate(DashboardView.class);
            assertThat(engine.subscriberCount()).as("the header and the view share the tab's").isEqualTo(before + 1);
            UI.getCurrent().navigate("backtest");
            assertThat(engine.subscriberCount()).as("the header alone").isEqualTo(before + 1);
            assertThat(live().stream()).as("no stream followed off the dashboard").isNull();
            UI.getCurrent().navigate("login");
            assertThat(engine.subscriberCount()).isEqualTo(before);
        }
    }

    private LiveUi live() {
        return LiveUi.of(UI.getCurrent(), engine, () -> java.time.Duration.ofMillis(250));
    }

    /** Lets pushes reach the mocked browser until {@code condition} holds (at most 10 s). */
    private static void pushUntil(BooleanSupplier condition) {
        Awaitility.await().atMost(10, TimeUnit.SECONDS).pollInSameThread().pollInterval(20, TimeUnit.MILLISECONDS).until(() -> {
            MockVaadin.clientRoundtrip(false);
            return condition.getAsBoolean();
        });
    }
}
