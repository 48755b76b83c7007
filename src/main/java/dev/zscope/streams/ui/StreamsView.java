package dev.zscope.streams.ui;

import dev.zscope.dashboard.ui.DashboardView;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.zscope.engine.ui.LiveUpdates;
import dev.zscope.ui.MainLayout;
import dev.zscope.security.CurrentUser;
import dev.zscope.security.Roles;
import dev.zscope.settings.SettingsService;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.StreamStatus;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.util.Locale;
import java.util.List;
import java.util.Map;

/**
 * Every stream at a glance: current value, state (learning, live, stale), anomalies in the last
 * hour and day, a sparkline; most anomalous first, searchable, paged lazily so thousands of
 * streams stay fast; every two seconds only the rows whose status changed are pushed. A click opens the stream's dashboard;
 * admins can rename, archive or delete a stream (its logged anomalies are kept).
 */
@Route(value = "streams", layout = MainLayout.class)
@PageTitle("Streams · Zscope")
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class StreamsView extends VerticalLayout {

    static final Duration REFRESH = Duration.ofSeconds(2);
    static final int REORDER_EVERY = 15;
    private static final int MAX_REMEMBERED = 1_000;
    private static final int SPARK_POINTS = 40;

    private final DetectionEngine engine;
    private final SettingsService settings;
    private final StreamsQuery streams;
    private final Grid<StreamStatus> grid = new Grid<>();
    private final TextField search = new TextField();
    private final Span count = new Span();
    /** The statuses as last sent to this browser, by stream: the rows it may be showing. */
    private final Map<String, StreamStatus> sent = new java.util.HashMap<>();
    private int updates;
    private int lastCount;

    public StreamsView(DetectionEngine engine, SettingsService settings, CurrentUser user) {
        this.engine = engine;
        this.settings = settings;
        this.streams = new StreamsQuery(engine);
        setSizeFull();
        search.setPlaceholder("Search streams");
        search.setId("stream-search");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh());
        count.setId("stream-count");

        grid.setId("stream-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(StreamStatus::stream).setHeader("Stream").setKey(StreamsQuery.NAME)
                .setSortable(true).setAutoWidth(true);
        grid.addColumn(s -> state(s)).setHeader("State").setKey("state").setAutoWidth(true);
        grid.addColumn(s -> number(s.lastValue())).setHeader("Value").setKey(StreamsQuery.VALUE)
                .setSortable(true).setAutoWidth(true);
        grid.addColumn(StreamStatus::anomaliesLastHour).setHeader("Anomalies 1 h")
                .setKey(StreamsQuery.HOUR).setSortable(true).setAutoWidth(true);
        grid.addColumn(StreamStatus::anomaliesLastDay).setHeader("Anomalies 24 h")
                .setKey(StreamsQuery.DAY).setSortable(true).setAutoWidth(true);
        grid.addColumn(s -> String.format(Locale.ROOT, "%.1f", s.pointsPerSecond())).setHeader("Points/s")
                .setKey(StreamsQuery.RATE).setSortable(true).setAutoWidth(true);
        grid.addColumn(LitRenderer.<StreamStatus>of(
                        "<svg width='120' height='24' viewBox='0 0 120 24' aria-hidden='true'>"
                                + "<polyline fill='none' stroke='var(--lumo-primary-color)' stroke-width='1.5'"
                                + " points='${item.spark}'></polyline></svg>")
                .withProperty("spark", s -> Sparkline.points(engine.latestValues(s.stream(), SPARK_POINTS), 120, 24)))
                .setHeader("Recent").setKey("spark").setWidth("140px").setFlexGrow(0);
        grid.setItems(q -> remember(streams.page(search.getValue(), q.getSortOrders(), q.getOffset(),
                        q.getLimit())).stream(),
                q -> streams.count(search.getValue())).setIdentifierProvider(StreamStatus::stream);
        grid.addItemClickListener(e -> open(e.getItem().stream()));
        grid.setSizeFull();

        H2 title = new H2("Streams");
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-l)");
        HorizontalLayout top = new HorizontalLayout(title, search, count);
        top.setAlignItems(Alignment.BASELINE);
        top.getStyle().set("flex-wrap", "wrap");
        add(top);
        if (user.isAdmin()) {
            add(adminActions());
        }
        add(grid);
        updateCount();
        LiveUpdates.bind(this, engine, engine::streamName, () -> REFRESH, 0, batch -> update());
    }

    /** Re-reads the visible page and the count. */
    void refresh() {
        sent.clear();
        grid.getDataProvider().refreshAll();
        updateCount();
    }

    /**
     * One push: only rows whose status changed since they were sent are re-sent; every
     * {@value #REORDER_EVERY}th push (or when streams come or go) the page is re-read, so the order
     * (most anomalous first) catches up without resending unchanged rows every time.
     */
    void update() {
        int count = streams.count(search.getValue());
        if (++updates % REORDER_EVERY == 0 || count != lastCount) {
            refresh();
            return;
        }
        for (var entry : List.copyOf(sent.entrySet())) {
            if (!engine.exists(entry.getKey())) {
                continue;
            }
            StreamStatus now = engine.status(entry.getKey());
            if (!now.equals(entry.getValue())) {
                sent.put(now.stream(), now);
                grid.getLazyDataView().refreshItem(now);
            }
        }
    }

    private List<StreamStatus> remember(List<StreamStatus> page) {
        if (sent.size() > MAX_REMEMBERED) {
            sent.clear();
        }
        page.forEach(s -> sent.put(s.stream(), s));
        return page;
    }

    private void updateCount() {
        int n = streams.count(search.getValue());
        lastCount = n;
        count.setText(n == 1 ? "1 stream" : n + " streams");
    }

    private void open(String stream) {
        getUI().ifPresent(ui -> ui.navigate(DashboardView.class,
                new QueryParameters(Map.of("stream", java.util.List.of(stream)))));
    }

    private HorizontalLayout adminActions() {
        TextField newName = new TextField();
        newName.setPlaceholder("New name");
        newName.setId("stream-new-name");
        Button rename = new Button("Rename", e -> selected().ifPresent(s -> act(() -> {
            String to = newName.getValue().trim();
            engine.rename(s.stream(), to);
            settings.streamRenamed(s.stream(), to);
        }, "Renamed " + s.stream())));
        Button archive = new Button("Archive", e -> selected().ifPresent(s -> act(
                () -> engine.archive(s.stream()), "Archived " + s.stream())));
        Button delete = new Button("Delete…", e -> selected().ifPresent(this::confirmDelete));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        rename.setId("stream-rename");
        archive.setId("stream-archive");
        delete.setId("stream-delete");
        HorizontalLayout bar = new HorizontalLayout(newName, rename, archive, delete);
        bar.getStyle().set("flex-wrap", "wrap");
        return bar;
    }

    private java.util.Optional<StreamStatus> selected() {
        var s = grid.asSingleSelect().getValue();
        if (s == null) {
            Notification.show("Select a stream first", 2500, Notification.Position.BOTTOM_START);
        }
        return java.util.Optional.ofNullable(s);
    }

    private void confirmDelete(StreamStatus s) {
        ConfirmDialog dialog = new ConfirmDialog("Delete " + s.stream() + "?",
                "Its detector state and recent points are forgotten. Its anomalies stay in the log "
                        + "and the grid.", "Delete", e -> act(() -> {
                    engine.delete(s.stream());
                    settings.updateStream(s.stream(), null);
                },
                "Deleted " + s.stream()));
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.setId("confirm-delete");
        dialog.open();
    }

    private void act(Runnable action, String done) {
        try {
            action.run();
            Notification.show(done, 2500, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            grid.asSingleSelect().clear();
            refresh();
        } catch (IllegalArgumentException e) {
            Notification.show(e.getMessage(), 4000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private String state(StreamStatus s) {
        return switch (s.state(engine.nowMillis())) {
            case LEARNING -> "Learning " + Math.min(s.learned(), s.warmup()) + "/" + s.warmup();
            case LIVE -> "Live";
            case STALE -> "Stale";
        };
    }

    private static String number(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.4g", d) : "–";
    }

    /** For tests: the status of {@code stream} as last sent to the browser, or null. */
    StreamStatus sentStatus(String stream) {
        return sent.get(stream);
    }

    /** For tests. */
    Grid<StreamStatus> grid() {
        return grid;
    }
}
