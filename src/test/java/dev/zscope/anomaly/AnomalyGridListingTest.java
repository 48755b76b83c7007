package dev.zscope.anomaly;

import dev.zscope.engine.Anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import dev.zscope.anomaly.ui.AnomalyGrid;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grid lists a bounded window of a large result, says so, and still counts every row. */
class AnomalyGridListingTest {

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

    @Test
    void aResultLongerThanTheListingIsCutWithAnExplanationAndAnExactCount() {
        service.record(TestAnomalies.someAnomalies(30)).join();
        AnomalyGrid view = new AnomalyGrid(service, 10);
        UI.getCurrent().add(view);

        @SuppressWarnings("unchecked")
        Grid<Anomaly> grid = (Grid<Anomaly>) view.getChildren().filter(Grid.class::isInstance).findFirst().orElseThrow();
        assertThat(GridKt._size(grid)).isEqualTo(10);
        assertThat(GridKt._get(grid, 9)).isEqualTo(service.find(AnomalyQuery.all(), 9, 1).getFirst());
        assertThat(text(view)).startsWith("30 anomalies (the grid lists the first 10 in this order");
    }

    @Test
    void aShortResultIsListedWhole() {
        service.record(TestAnomalies.someAnomalies(7)).join();
        AnomalyGrid view = new AnomalyGrid(service, 10);
        UI.getCurrent().add(view);

        assertThat(text(view)).isEqualTo("7 anomalies");
    }

    private static String text(AnomalyGrid view) {
        List<Span> spans = view.getElement().getComponent().stream()
                .flatMap(c -> c.getChildren()).flatMap(c -> c.getChildren())
                .filter(Span.class::isInstance).map(Span.class::cast)
                .filter(s -> "anomaly-count".equals(s.getId().orElse(null))).toList();
        return spans.getFirst().getText();
    }
}
