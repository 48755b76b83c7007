package dev.zscope.dashboard.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import dev.zscope.KaribuTest;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.Anomaly;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.history.HistoryService;
import dev.zscope.settings.SettingsService;
import dev.zscope.settings.ZscopeSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Time on the dashboard in a mocked browser: ranges from the address and the buttons, live mode
 * and fixed ranges, a grid row and a notification opening their moment, the legend, the preview
 * markers and what the grid says about times and reasons.
 */
class DashboardTimeTest extends KaribuTest {

    @Autowired
    DetectionEngine engine;
    @Autowired
    SettingsService settings;
    @Autowired
    HistoryService history;

    private ZscopeSettings original;

    @BeforeEach
    void remember() {
        original = settings.current();
    }

    @AfterEach
    void restore() {
        asAdmin(() -> settings.update(original));
    }

    /** A zscore stream of {@code n} points a second apart ending now, 0/1 alternating, a spike at the last. */
    private String stream(String name, int n) {
        engine.process(name, engine.nowMillis() - n * 1000L - 1, 0, false);
        asAdmin(() -> engine.applyDetector(name, new DetectorChoice("zscore", Map.of())));
        long start = engine.nowMillis() - n * 1000L;
        for (int i = 0; i < n; i++) {
            engine.process(name, start + i * 1000L, i == n - 1 ? 1000 : i % 2, false);
        }
        return name;
    }

    private DashboardView open(Map<String, String> params) {
        QueryParameters q = QueryParameters.simple(params);
        UI.getCurrent().navigate(DashboardView.class, q);
        return _get(DashboardView.class);
    }

    @Test
    void theAddressNamesTheStreamTheRangeAndAMoment() {
        String s = stream("time-address", 50);
        login("victor", "VIEWER");
        DashboardView view = open(Map.of("stream", s, "range", "1h"));
        assertThat(view.stream()).isEqualTo(s);
        assertThat(view.range()).isEqualTo(TimeRange.last(TimeRange.Preset.LAST_HOUR));
        assertThat(_get(Span.class, spec -> spec.withId("range-label")).getText()).startsWith("Last 1 h, following");

        view = open(Map.of("stream", s, "from", "2026-01-01T00:00:00Z", "to", "2026-01-01T01:00:00Z",
                "at", "2026-01-01T00:30:00Z"));
        assertThat(view.range().live()).isFalse();
        assertThat(view.range().from()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        assertThat(view.highlight()).isEqualTo(Instant.parse("2026-01-01T00:30:00Z").toEpochMilli());
        assertThat(_get(Span.class, spec -> spec.withId("range-label")).getText())
                .isEqualTo("2026-01-01 00:00:00 – 2026-01-01 01:00:00 UTC");

        view = open(Map.of("stream", s, "range", "2w"));
        assertThat(view.range()).isEqualTo(TimeRange.DEFAULT);
        assertThat(_get(Span.class, spec -> spec.withId("range-label")).getText())
                .contains("unknown range '2w': use 15m, 1h, 24h or 7d");
    }

    @Test
    void theButtonsChooseARangeAndOnlyALiveRangeGetsNewPoints() {
        String s = stream("time-buttons", 30);
        login("victor", "VIEWER");
        DashboardView view = open(Map.of("stream", s));
        assertThat(view.range().live()).isTrue();
        _click(_get(Button.class, spec -> spec.withId("range-24h")));
        assertThat(view.range()).isEqualTo(TimeRange.last(TimeRange.Preset.LAST_DAY));
        assertThat(_get(Button.class, spec -> spec.withId("range-24h")).getElement().getAttribute("aria-pressed"))
                .isEqualTo("true");
        long sent = view.chart().sentCount();
        engine.process(s, engine.nowMillis(), 1, false);
        pushUntil(() -> view.chart().sentCount() > sent);

        _click(_get(Button.class, spec -> spec.withId("pan-earlier")));
        assertThat(view.range().live()).as("an earlier range is fixed").isFalse();
        assertThat(_get(Button.class, spec -> spec.withId("live-toggle")).getText()).isEqualTo("Go live");
        long fixed = view.chart().sentCount();
        engine.process(s, engine.nowMillis(), 1, false);
        for (int i = 0; i < 20; i++) {
            MockVaadin.clientRoundtrip(false);
        }
        assertThat(view.chart().sentCount()).as("a fixed range is not appended to").isEqualTo(fixed);

        _click(_get(Button.class, spec -> spec.withId("live-toggle")));
        assertThat(view.range()).as("back to the last preset, live").isEqualTo(TimeRange.last(TimeRange.Preset.LAST_DAY));
    }

    @Test
    void aZoomInTheBrowserLoadsThatRangeAndLeavesLiveMode() {
        String s = stream("time-zoom", 30);
        login("victor", "VIEWER");
        DashboardView view = open(Map.of("stream", s));
        long now = engine.nowMillis();
        com.github.mvysny.kaributesting.v10.ElementUtilsKt._fireDomEvent(view.chart().getElement(),
                new com.vaadin.flow.dom.DomEvent(view.chart().getElement(), "range-request",
                        tools.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                                .put("event.detail.from", now - 20_000).put("event.detail.to", now - 10_000)
                                .put("event.detail.width", 800)));
        assertThat(view.range()).isEqualTo(TimeRange.between(now - 20_000, now - 10_000));
    }

    @Test
    void aGridRowOpensItsMomentOnItsStreamHighlighted() {
        String s = stream("time-row", 60);
        login("victor", "VIEWER");
        DashboardView view = open(Map.of());
        @SuppressWarnings("unchecked")
        Grid<Anomaly> grid = _get(Grid.class, spec -> spec.withId("anomaly-grid"));
        // Other tests' anomalies share the store (some far in the future): find this stream's row.
        pushUntil(() -> rowOf(grid, s) >= 0);
        int row = rowOf(grid, s);
        Anomaly a = GridKt._get(grid, row);
        assertThat(grid.getColumnByKey("TIME").getHeaderText()).isEqualTo("Time (UTC)");
        assertThat(GridKt._getFormattedRow(grid, row)).anyMatch(cell -> cell.contains("as far above the expected value"));
        assertThat(grid.getColumnByKey("SEVERITY").isVisible()).isTrue();
        assertThat(grid.getColumnByKey("SCORE")).as("the raw score is in the tooltip").isNull();
        assertThat(grid.getColumnByKey("SEVERITY").getTooltipGenerator().apply(a)).containsPattern("^Severity [01]\\.\\d{5}: ").contains("Raw score", "against the threshold 3");
        GridKt._clickItem(grid, row);
        assertThat(view.stream()).isEqualTo(s);
        assertThat(view.highlight()).isEqualTo(a.time().toEpochMilli());
        assertThat(view.range()).isEqualTo(TimeRange.around(a.time().toEpochMilli()));
    }

    private static int rowOf(Grid<Anomaly> grid, String stream) {
        int size = GridKt._size(grid);
        for (int i = 0; i < Math.min(size, 200); i++) {
            if (GridKt._get(grid, i).stream().equals(stream)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aNotificationSaysWhyAndOpensTheMoment() {
        login("victor", "VIEWER");
        DashboardView view = open(Map.of());
        String s = stream("time-toast", 60);
        pushUntil(() -> !_find(Div.class, "anomaly-toast").isEmpty());
        Div toast = _find(Div.class, "anomaly-toast").getFirst();
        assertThat(toast.getElement().getTextRecursively()).contains("Anomaly on " + s, "(severity ", "as far above the expected value",
                "Show on the chart");
        _click(toast);
        DashboardView after = _get(DashboardView.class);
        assertThat(after.stream()).isEqualTo(s);
        assertThat(after.highlight()).isNotNull();
        assertThat(after.range().live()).isFalse();
    }

    @Test
    void theLegendExplainsTheBandForTheDetectorAndOnlyWhatIsShown() {
        String s = stream("time-legend", 40);
        login("alice", "ADMIN");
        open(Map.of("stream", s));
        Span legend = _get(Span.class, spec -> spec.withId("chart-legend"));
        assertThat(legend.getText()).contains("(zscore)", "threshold 3", "a point outside the band is flagged")
                .doesNotContain("Injected", "Preview");
        assertThat(_get(Span.class, spec -> spec.withId("detected-vs-injected")).getText())
                .isEqualTo("Detected 1 anomaly");

        _click(_get(Button.class, spec -> spec.withId("settings-preview")));
        assertThat(legend.getText()).contains("Preview: what the settings being edited would flag");
        assertThat(_get(Span.class, spec -> spec.withId("settings-preview-result")).getText())
                .contains("would have raised 1 anomaly (the settings in force raised 1 anomaly)");
        _setValue(_get(TextField.class, spec -> spec.withId("settings-param-threshold")), "4");
        assertThat(legend.getText()).as("a change makes the preview stale").doesNotContain("Preview");
        assertThat(_get(Span.class, spec -> spec.withId("settings-preview-result")).getText()).isEmpty();

        _click(_get(Button.class, spec -> spec.withId("settings-preview")));
        assertThat(legend.getText()).contains("Preview");
        _click(_get(Button.class, spec -> spec.withId("settings-apply")));
        assertThat(legend.getText()).as("applied: the preview is gone").doesNotContain("Preview");
        asAdmin(() -> settings.update(settings.current(), s, new DetectorChoice("zscore", Map.of())));
    }

    @Test
    void anOldStreamOffersItsNewestPoints() {
        String s = "time-old";
        long old = Instant.parse("2014-02-14T10:00:00Z").toEpochMilli();
        for (int i = 0; i < 20; i++) {
            engine.process(s, old + i * 60_000L, i, false);
        }
        login("victor", "VIEWER");
        DashboardView view = open(Map.of("stream", s));
        assertThat(_get(Span.class, spec -> spec.withId("chart-empty")).getText())
                .isEqualTo("No points between these times; the newest is at 2014-02-14T10:19:00Z.");
        _click(_get(Button.class, spec -> spec.withId("chart-to-newest")));
        assertThat(view.range().end(0)).isGreaterThan(old + 19 * 60_000L);
        assertThat(view.range().start(0)).isLessThan(old + 19 * 60_000L);
        assertThat(_find(Span.class, "chart-empty")).as("points shown: nothing to say").isEmpty();
    }

    private static <T extends com.vaadin.flow.component.Component> List<T> _find(Class<T> type, String id) {
        return com.github.mvysny.kaributesting.v10.LocatorJ._find(type, spec -> spec.withId(id));
    }

    private static void pushUntil(BooleanSupplier condition) {
        Awaitility.await().atMost(10, TimeUnit.SECONDS).pollInSameThread().pollInterval(20, TimeUnit.MILLISECONDS).until(() -> {
            MockVaadin.clientRoundtrip(false);
            return condition.getAsBoolean();
        });
    }
}
