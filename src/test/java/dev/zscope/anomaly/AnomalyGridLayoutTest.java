package dev.zscope.anomaly;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import dev.zscope.anomaly.ui.AnomalyGrid;
import dev.zscope.engine.Anomaly;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grid's layout: headers as wide as their cells, columns that fit at 1280 px, an empty grid
 * that says why it is empty, a phone layout of one column, and the min severity filter that explains
 * a value it cannot use.
 */
class AnomalyGridLayoutTest {

    /** The grid's width at 1280 px, where it spans the page beside the drawer, in rem (958 px). */
    private static final double WIDTH_AT_1280_REM = 59.8;
    private static final Pattern REM = Pattern.compile("(\\d+(?:\\.\\d+)?)rem");

    @TempDir
    Path dir;
    private TestDatabase db;
    private AnomalyService service;

    @BeforeEach
    void setUp() throws java.io.IOException {
        MockVaadin.setup();
        db = TestDatabase.h2(dir);
        service = db.service(dir);
    }

    @AfterEach
    void tearDown() {
        service.close();
        db.close();
        MockVaadin.tearDown();
    }

    @SuppressWarnings("unchecked")
    private static Grid<Anomaly> grid() {
        return _get(Grid.class, spec -> spec.withId("anomaly-grid"));
    }

    /**
     * A width in em is measured in each cell's own font, and the header's is smaller than the
     * body's, so such a column's header was narrower than its cells (98 against 112 px): every
     * column has a width in rem, and together they fit the grid at 1280 px.
     */
    @Test
    void everyColumnHasAFixedWidthInRemAndTogetherTheyFitAt1280Pixels() {
        UI.getCurrent().add(new AnomalyGrid(service));
        double total = 0;
        for (Grid.Column<Anomaly> c : grid().getColumns()) {
            if (!c.isVisible()) {
                continue;
            }
            Matcher width = REM.matcher(String.valueOf(c.getWidth()));
            assertThat(width.matches()).as("column %s: width %s", c.getKey(), c.getWidth()).isTrue();
            assertThat(c.isAutoWidth()).as("column %s: auto width is measured from the header alone when empty",
                    c.getKey()).isFalse();
            total += Double.parseDouble(width.group(1));
        }
        assertThat(total).isLessThanOrEqualTo(WIDTH_AT_1280_REM);
    }

    @Test
    void anEmptyGridSaysWhyAndAFilterThatMatchesNothingSaysSo() {
        UI.getCurrent().add(new AnomalyGrid(service));
        Span empty = _get(Span.class, spec -> spec.withId("anomaly-empty"));
        assertThat(grid().getEmptyStateComponent()).isSameAs(empty);
        assertThat(empty.getText()).startsWith("No anomalies yet.").contains("learns");

        service.record(java.util.List.of(TestAnomalies.zscore(Instant.parse("2030-01-01T00:00:00Z"), "s", 5, 0, 1,
                5, 3, 100, "zscore"))).join();
        _setValue(_get(TextField.class, spec -> spec.withId("filter-min-severity")), "1");
        assertThat(GridKt._size(grid())).isZero();
        assertThat(empty.getText()).startsWith("No anomalies match these filters.");
        _setValue(_get(TextField.class, spec -> spec.withId("filter-min-severity")), "");
        assertThat(GridKt._size(grid())).isOne();
    }

    /** A value the filter cannot use (the old min score's −1) turned the field red with no message and was ignored in silence. */
    @Test
    void aMinSeverityOutsideZeroToOneIsExplainedAtItsFieldAndNotApplied() {
        service.record(java.util.List.of(TestAnomalies.zscore(Instant.parse("2030-01-01T00:00:00Z"), "s", 5, 0, 1,
                5, 3, 100, "zscore"))).join();
        UI.getCurrent().add(new AnomalyGrid(service));
        TextField minSeverity = _get(TextField.class, spec -> spec.withId("filter-min-severity"));
        for (String bad : new String[] {"-1", "1.5", "abc", "NaN"}) {
            _setValue(minSeverity, bad);
            assertThat(GridKt._size(grid())).as("not applied: " + bad).isOne();
            assertThat(minSeverity.isInvalid()).isTrue();
            assertThat(minSeverity.getErrorMessage())
                    .isEqualTo("Min severity must be a number from 0 to 1, got '" + bad + "'; not applied");
        }
        _setValue(minSeverity, "0.5");
        assertThat(minSeverity.isInvalid()).isFalse();
        assertThat(GridKt._size(grid())).isOne();
    }

    @Test
    void onAPhoneOneTwoLineColumnReplacesTheOthersAndTheFiltersFoldAway() {
        Anomaly a = TestAnomalies.zscore(Instant.parse("2030-01-01T00:00:00Z"), "phone-stream", 5, 1, 1, 4, 3, 100,
                "zscore");
        service.record(java.util.List.of(a)).join();
        AnomalyGrid view = new AnomalyGrid(service);
        UI.getCurrent().add(view);
        view.phone(true);
        assertThat(grid().getColumns().stream().filter(Grid.Column::isVisible).map(Grid.Column::getKey))
                .containsExactly("compact");
        assertThat(GridKt._getFormattedRow(grid(), 0)).anyMatch(cell -> cell.contains("phone-stream"));
        assertThat(_get(Button.class, spec -> spec.withId("anomaly-show-filters")).isVisible()).isTrue();
        assertThat(view.getChildren().filter(c -> c.getId().orElse("").equals("anomaly-filters")).findFirst()
                .orElseThrow().isVisible()).isFalse();
        view.phone(false);
        assertThat(grid().getColumns().stream().filter(Grid.Column::isVisible).map(Grid.Column::getKey))
                .doesNotContain("compact").hasSize(8);
    }
}
