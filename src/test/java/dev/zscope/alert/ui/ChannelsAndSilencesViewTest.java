package dev.zscope.alert.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.sun.net.httpserver.HttpServer;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import dev.zscope.KaribuTest;
import dev.zscope.alert.ChannelService;
import dev.zscope.alert.ChannelType;
import dev.zscope.alert.Silence;
import dev.zscope.alert.SilenceService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Channels view (admins) with a real receiver, and the Silences view (operators). */
class ChannelsAndSilencesViewTest extends KaribuTest {

    @Autowired
    ChannelService channels;
    @Autowired
    SilenceService silences;

    @Test
    void anAdminAddsAChannelSendsATestNotificationAndNeverSeesTheUrlsSecretAgain() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestURI() + " " + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            login("alice", "ADMIN");
            UI.getCurrent().navigate(ChannelsView.class);
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/T01/B02/s3cr3tPath";
            _setValue(_get(TextField.class, spec -> spec.withId("channel-name")), "team-chat");
            @SuppressWarnings("unchecked")
            Select<ChannelType> type = _get(Select.class, spec -> spec.withId("channel-type"));
            _setValue(type, ChannelType.SLACK);
            _setValue(_get(TextField.class, spec -> spec.withId("channel-url")), url);
            _click(_get(Button.class, spec -> spec.withId("channel-save")));

            @SuppressWarnings("unchecked")
            Grid<ChannelService.ChannelStatus> grid = _get(Grid.class, spec -> spec.withId("channel-grid"));
            List<String> rows = IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._getFormattedRow(grid, i)
                    .toString()).toList();
            assertThat(rows).anyMatch(r -> r.contains("team-chat") && r.contains("slack")
                    && r.contains("http://127.0.0.1:" + server.getAddress().getPort() + "/…"));
            assertThat(rows).noneMatch(r -> r.contains("s3cr3t"));

            int row = rows.indexOf(rows.stream().filter(r -> r.contains("team-chat")).findFirst().orElseThrow());
            _click(action(grid, row, "channel-test-team-chat"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            assertThat(received.getFirst()).startsWith("/hooks/T01/B02/s3cr3tPath").contains("TEST");
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> {
                MockVaadin.clientRoundtrip(false);
                return _get(Span.class, spec -> spec.withId("channel-test-result")).getText().startsWith("Test "
                        + "notification sent through team-chat");
            });

            _click(action(grid, row, "channel-edit-team-chat"));
            assertThat(_get(TextField.class, spec -> spec.withId("channel-url")).getValue()).isEmpty();
            _click(_get(Button.class, spec -> spec.withId("channel-save")));
            assertThat(channels.channels()).anySatisfy(c -> assertThat(c.spec().url()).isEqualTo(url));
        } finally {
            asAdmin(() -> channels.delete("team-chat"));
            server.stop(0);
        }
    }

    private static Button action(Grid<ChannelService.ChannelStatus> grid, int row, String id) {
        var actions = (com.vaadin.flow.component.orderedlayout.HorizontalLayout) GridKt._getCellComponent(grid, row, "actions");
        return actions.getChildren().filter(c -> id.equals(c.getId().orElse(null))).map(Button.class::cast)
                .findFirst().orElseThrow();
    }

    @Test
    void anOperatorSilencesStreamsAndAddsAMaintenanceWindow() {
        login("olga", "OPERATOR");
        UI.getCurrent().navigate(SilencesView.class);
        _setValue(_get(TextField.class, spec -> spec.withId("silence-streams")), "batch-*");
        _setValue(_get(TextField.class, spec -> spec.withId("silence-comment")), "reindex");
        _click(_get(Button.class, spec -> spec.withId("silence-create")));
        Silence made = silences.silences().stream().filter(s -> s.describe().equals("stream~\"batch-*\""))
                .findFirst().orElseThrow();
        assertThat(made.createdBy()).isEqualTo("olga");
        assertThat(made.comment()).isEqualTo("reindex");
        assertThat(silences.silencedBy("batch-7")).startsWith("silence ");

        @SuppressWarnings("unchecked")
        Grid<Silence> grid = _get(Grid.class, spec -> spec.withId("silence-grid"));
        int row = IntStream.range(0, GridKt._size(grid)).filter(i -> GridKt._get(grid, i).id().equals(made.id()))
                .findFirst().orElseThrow();
        _click((Button) GridKt._getCellComponent(grid, row, "end"));
        assertThat(silences.silencedBy("batch-7")).isNull();

        _setValue(_get(TextField.class, spec -> spec.withId("window-name")), "backups");
        _setValue(_get(TextField.class, spec -> spec.withId("window-streams")), "db-*");
        _setValue(_get(Checkbox.class, spec -> spec.withId("window-day-sunday")), true);
        _setValue(_get(TimePicker.class, spec -> spec.withId("window-start")), LocalTime.of(2, 0));
        _setValue(_get(TimePicker.class, spec -> spec.withId("window-end")), LocalTime.of(4, 0));
        _setValue(_get(TextField.class, spec -> spec.withId("window-zone")), "Europe/Berlin");
        _click(_get(Button.class, spec -> spec.withId("window-add")));
        assertThat(silences.windows()).anySatisfy(w -> assertThat(w.describe()).isEqualTo("Sun 02:00–04:00 Europe/Berlin"));
        silences.windows().forEach(w -> silences.deleteWindow(w.id()));
    }
}
