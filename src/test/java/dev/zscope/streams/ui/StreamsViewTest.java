package dev.zscope.streams.ui;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.ContextMenuKt;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.menubar.MenuBar;
import dev.zscope.streams.StreamAdmin;

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
    @Autowired
    StreamAdmin admin;

    @SuppressWarnings("unchecked")
    private static Grid<StreamStatus> grid() {
        return _get(Grid.class, spec -> spec.withId("stream-grid"));
    }

    private void feed(String stream, int points, boolean spikeAtEnd) {
        for (int i = 0; i < points; i++) {
            engine.process(stream, i, i % 2, false);
        }
        if (spikeAtEnd) {
            engine.process(stream, points, 1_000, false);
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
            engine.process(String.format("bulk-%04d", i), 0, i, false);
        }
        login("victor", "VIEWER");
        UI.getCurrent().navigate(StreamsView.class);
        Grid<StreamStatus> grid = grid();
        assertThat(GridKt._size(grid)).isEqualTo(engine.statuses().size()).isGreaterThan(2_000);
        StreamStatus first = GridKt._get(grid, 0);
        assertThat(first.anomaliesLastHour()).isGreaterThan(0);
        assertThat(GridKt._get(grid, 1_999).stream()).isNotBlank();
        assertThat(grid.getColumnByKey("actions")).as("a viewer gets no row actions").isNull();
    }

    @Test
    void searchNarrowsTheListAndTheNameOpensTheStreamsDashboard() {
        feed("ov-search-target", 5, false);
        login("victor", "VIEWER");
        UI.getCurrent().navigate(StreamsView.class);
        _setValue(_get(TextField.class, spec -> spec.withId("stream-search")), "SEARCH-TARGET");
        Grid<StreamStatus> grid = grid();
        assertThat(GridKt._size(grid)).isEqualTo(1);
        Anchor link = (Anchor) GridKt._getCellComponent(grid, 0, StreamsQuery.NAME);
        assertThat(link.getText()).isEqualTo("ov-search-target");
        assertThat(link.getHref()).isEqualTo("./?stream=ov-search-target");
        UI.getCurrent().navigate(DashboardView.class, com.vaadin.flow.router.QueryParameters.of("stream",
                link.getHref().substring(link.getHref().indexOf('=') + 1)));
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
        ContextMenuKt._clickItemWithID(rowMenu(0), "stream-delete-ov-doomed");
        ConfirmDialog confirm = _get(ConfirmDialog.class);
        assertThat(engine.exists("ov-doomed")).as("nothing deleted before confirming").isTrue();
        ConfirmDialogKt._fireConfirm(confirm);
        assertThat(engine.exists("ov-doomed")).isFalse();

        _setValue(_get(TextField.class, spec -> spec.withId("stream-search")), "ov-old-name");
        ContextMenuKt._clickItemWithID(rowMenu(0), "stream-rename-ov-old-name");
        _setValue(_get(TextField.class, spec -> spec.withId("stream-new-name")), "bad name");
        _click(_get(Button.class, spec -> spec.withId("stream-rename-confirm")));
        assertThat(_get(TextField.class, spec -> spec.withId("stream-new-name")).getErrorMessage())
                .contains("invalid stream name");
        _setValue(_get(TextField.class, spec -> spec.withId("stream-new-name")), "ov-new-name");
        _click(_get(Button.class, spec -> spec.withId("stream-rename-confirm")));
        assertThat(engine.exists("ov-new-name")).isTrue();
        assertThat(engine.exists("ov-old-name")).isFalse();

        _setValue(_get(TextField.class, spec -> spec.withId("stream-search")), "ov-new-name");
        ContextMenuKt._clickItemWithID(rowMenu(0), "stream-archive-ov-new-name");
        assertThat(engine.statuses()).extracting(StreamStatus::stream).doesNotContain("ov-new-name");
    }

    /** A viewer has no row actions, and the admin's use case refuses a viewer whoever calls it. */
    @Test
    void aViewerCannotActOnStreams() {
        feed("ov-protected", 5, false);
        login("victor", "VIEWER");
        UI.getCurrent().navigate(StreamsView.class);
        assertThat(grid().getColumnByKey("actions")).isNull();
        assertThatThrownBy(() -> admin.delete("ov-protected"))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        assertThatThrownBy(() -> admin.rebaseline("ov-protected"))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        assertThat(engine.exists("ov-protected")).isTrue();
    }

    private static MenuBar rowMenu(int row) {
        return (MenuBar) GridKt._getCellComponent(grid(), row, "actions");
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
        engine.process("ov-changing", 99, 42, false);
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
