package dev.zscope.streams.ui;

import dev.zscope.dashboard.ui.DashboardView;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.zscope.KaribuTest;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.StreamStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The streams overview: many streams, most anomalous first, search, open, admin actions. */
class StreamsViewTest extends KaribuTest {

    @Autowired
    DetectionEngine engine;

    @SuppressWarnings("unchecked")
    private static Grid<StreamStatus> grid() {
        return _get(Grid.class, spec -> spec.withId("stream-grid"));
    }

    private void feed(String stream, int points, boolean spikeAtEnd) {
        for (int i = 0; i < points; i++) {
            engine.ingest(stream, i, i % 2);
        }
        if (spikeAtEnd) {
            engine.ingest(stream, points, 1_000);
        }
    }

    @Test
    void listsThousandsOfStreamsLazilyWithTheMostAnomalousFirst() {
        var detector = engine.detectorChoice();
        engine.applyDetector(new dev.zscope.detection.catalog.DetectorChoice("zscore", java.util.Map.of()));
        try {
            feed("ov-hot", 100, true);
        } finally {
            engine.applyDetector(detector);
        }
        for (int i = 0; i < 2_000; i++) {
            engine.ingest(String.format("bulk-%04d", i), 0, i);
        }
        login("victor", "VIEWER");
        UI.getCurrent().navigate(StreamsView.class);
        Grid<StreamStatus> grid = grid();
        assertThat(GridKt._size(grid)).isEqualTo(engine.statuses().size()).isGreaterThan(2_000);
        StreamStatus first = GridKt._get(grid, 0);
        assertThat(first.anomaliesLastHour()).isGreaterThan(0);
        assertThat(GridKt._get(grid, 1_999).stream()).isNotBlank();
        _assertNone(Button.class, spec -> spec.withId("stream-delete"));
    }

    @Test
    void searchNarrowsTheListAndAClickOpensTheStreamsDashboard() {
        feed("ov-search-target", 5, false);
        login("victor", "VIEWER");
        UI.getCurrent().navigate(StreamsView.class);
        _setValue(_get(TextField.class, spec -> spec.withId("stream-search")), "SEARCH-TARGET");
        Grid<StreamStatus> grid = grid();
        assertThat(GridKt._size(grid)).isEqualTo(1);
        GridKt._clickItem(grid, 0);
        DashboardView dashboard = _get(DashboardView.class);
        @SuppressWarnings("unchecked")
        Select<String> picker = _get(Select.class, spec -> spec.withId("stream-picker"));
        assertThat(picker.getValue()).isEqualTo("ov-search-target");
        assertThat(dashboard).isNotNull();
    }

    @Test
    void anAdminDeletesAStreamOnlyAfterConfirmingAndRenamesAnother() {
        feed("ov-doomed", 5, false);
        feed("ov-old-name", 5, false);
        login("alice", "ADMIN");
        UI.getCurrent().navigate(StreamsView.class);
        _setValue(_get(TextField.class, spec -> spec.withId("stream-search")), "ov-doomed");
        GridKt._selectRow(grid(), 0);
        _click(_get(Button.class, spec -> spec.withId("stream-delete")));
        ConfirmDialog confirm = _get(ConfirmDialog.class);
        assertThat(engine.exists("ov-doomed")).as("nothing deleted before confirming").isTrue();
        ConfirmDialogKt._fireConfirm(confirm);
        assertThat(engine.exists("ov-doomed")).isFalse();

        _setValue(_get(TextField.class, spec -> spec.withId("stream-search")), "ov-old-name");
        GridKt._selectRow(grid(), 0);
        _setValue(_get(TextField.class, spec -> spec.withId("stream-new-name")), "ov-new-name");
        _click(_get(Button.class, spec -> spec.withId("stream-rename")));
        assertThat(engine.exists("ov-new-name")).isTrue();
        assertThat(engine.exists("ov-old-name")).isFalse();
    }

    @Test
    void aPushResendsOnlyTheRowsThatChanged() {
        feed("ov-changing", 5, false);
        feed("ov-steady", 5, false);
        login("victor", "VIEWER");
        UI.getCurrent().navigate(StreamsView.class);
        _setValue(_get(TextField.class, spec -> spec.withId("stream-search")), "ov-");
        StreamsView view = _get(StreamsView.class);
        GridKt._size(grid());
        for (int i = 0; i < GridKt._size(grid()); i++) {
            GridKt._get(grid(), i);
        }
        StreamStatus steadyBefore = view.sentStatus("ov-steady");
        StreamStatus changingBefore = view.sentStatus("ov-changing");
        assertThat(changingBefore).isNotNull();
        engine.ingest("ov-changing", 99, 42);
        view.update();
        assertThat(view.sentStatus("ov-changing").points()).isEqualTo(changingBefore.points() + 1);
        assertThat(view.sentStatus("ov-changing").lastValue()).isEqualTo(42);
        if (engine.status("ov-steady").equals(steadyBefore)) { // unless its rate rolled over a second
            assertThat(view.sentStatus("ov-steady")).as("an unchanged row is not resent").isSameAs(steadyBefore);
        }
    }

    @Test
    void sparklinesScaleIntoTheirBox() {
        assertThat(Sparkline.points(new double[] {0, 5, 10}, 120, 24)).isEqualTo("0.0,23.0 59.5,12.0 119.0,1.0");
        assertThat(Sparkline.points(new double[] {3}, 120, 24)).isEmpty();
    }
}
