package dev.zscope.source.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.zscope.KaribuTest;
import dev.zscope.dashboard.ui.DashboardView;
import dev.zscope.source.SourceDefinition;
import dev.zscope.source.SourceService;
import dev.zscope.source.SourceType;
import dev.zscope.streams.ui.StreamsView;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The sources page in a mocked browser: add, refuse a bad field, health on the streams page, remove; admins only. */
class SourcesViewTest extends KaribuTest {

    @Autowired
    SourceService sources;

    private static String value(String id) {
        return _get(TextField.class, spec -> spec.withId(id)).getValue();
    }

    private static void set(String id, String value) {
        _setValue(_get(TextField.class, spec -> spec.withId(id)), value);
    }

    @SuppressWarnings("unchecked")
    private static List<String> rows(String gridId) {
        Grid<Object> grid = _get(Grid.class, spec -> spec.withId(gridId));
        return IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._getFormattedRow(grid, i).toString()).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdminAddsAnMqttSourceSeesItsHealthAndRemovesIt() throws Exception {
        login("alice", "ADMIN");
        UI.getCurrent().navigate(SourcesView.class);
        set("source-name", "ui-boilers");
        _setValue(_get(Select.class, spec -> spec.withId("source-type")), SourceType.MQTT);
        _assertNone(TextField.class, spec -> spec.withId("source-query")); // MQTT has no query
        set("source-url", "tcp://127.0.0.1:1");
        set("source-topic", "boilers/+/temp");
        set("source-username", "zscope");
        _setValue(_get(PasswordField.class, spec -> spec.withId("source-password")), "s3cret-pw");
        _click(_get(Button.class, spec -> spec.withId("source-save")));

        SourceDefinition saved = sources.definition("ui-boilers").orElseThrow();
        assertThat(saved.topic()).isEqualTo("boilers/+/temp");
        assertThat(saved.origin()).isEqualTo(SourceDefinition.Origin.UI);
        assertThat(rows("source-definitions")).anyMatch(r -> r.contains("ui-boilers") && r.contains("boilers/+/temp"))
                .noneMatch(r -> r.contains("s3cret-pw"));
        assertThat(rows("source-health")).anyMatch(r -> r.contains("ui-boilers"));
        assertThat(Files.readString(DATA_DIR.resolve("sources.properties"))).contains("ui-boilers.topic");
        assertThat(value("source-name")).as("the form is cleared for the next").isEmpty();

        UI.getCurrent().navigate(StreamsView.class);
        assertThat(_get(SourceHealthGrid.class, spec -> spec.withId("stream-sources")).isVisible()).isTrue();
        assertThat(rows("stream-sources")).anyMatch(r -> r.contains("ui-boilers"));

        UI.getCurrent().navigate(SourcesView.class);
        Grid<SourceDefinition> definitions = _get(Grid.class, spec -> spec.withId("source-definitions"));
        definitions.select(definitions.getListDataView().getItems().filter(d -> d.name().equals("ui-boilers"))
                .findFirst().orElseThrow());
        assertThat(value("source-name")).isEqualTo("ui-boilers");
        assertThat(_get(PasswordField.class, spec -> spec.withId("source-password")).getValue())
                .as("a password is never shown back").isEmpty();
        _click(_get(Button.class, spec -> spec.withId("source-delete")));
        assertThat(sources.definition("ui-boilers")).isEmpty();
        assertThat(rows("source-definitions")).noneMatch(r -> r.contains("ui-boilers"));
    }

    @Test
    void aPrometheusSourceWithoutAQueryIsRefusedNamingTheField() {
        login("alice", "ADMIN");
        UI.getCurrent().navigate(SourcesView.class);
        set("source-name", "ui-prom");
        set("source-url", "http://127.0.0.1:1");
        _click(_get(Button.class, spec -> spec.withId("source-save")));
        assertThat(sources.definition("ui-prom")).isEmpty();
        assertThat(value("source-name")).as("the form keeps what was typed").isEqualTo("ui-prom");
    }

    @Test
    void aViewerCanNeitherOpenThePageNorSeeTheLink() {
        login("victor", "VIEWER");
        UI.getCurrent().navigate(DashboardView.class);
        _assertNone(SideNavItem.class, spec -> spec.withId("nav-sources"));
        UI.getCurrent().navigate(SourcesView.class);
        _assertNone(SourcesView.class);
        _assertOne(dev.zscope.ui.NotAllowedView.class);
    }

    @Test
    void adminsSeeTheLink() {
        login("alice", "ADMIN");
        UI.getCurrent().navigate(DashboardView.class);
        assertThat(_get(SideNavItem.class, spec -> spec.withId("nav-sources")).getPath()).isEqualTo("sources");
    }
}
