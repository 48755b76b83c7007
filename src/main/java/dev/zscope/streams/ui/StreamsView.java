package dev.zscope.streams.ui;

import dev.zscope.dashboard.ui.DashboardView;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.zscope.base.ui.PhoneLayout;
import dev.zscope.engine.ui.LiveUi;
import dev.zscope.source.SourceService;
import dev.zscope.source.ui.SourceHealthGrid;
import dev.zscope.streams.StreamAdmin;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.RouteConfiguration;
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
 * streams stay fast; every two seconds only the rows whose status changed are pushed. A stream's
 * name opens its dashboard; admins act on a row through its own menu (rename, archive, delete; its
 * logged anomalies are kept).
 */
@Route("streams")
@Menu(title = "Streams", order = 1, icon = "vaadin:list")
@PageTitle("Streams · Zscope")
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class StreamsView extends VerticalLayout {

    static final int REORDER_EVERY = 15;
    static final String COMPACT = "compact";
    private static final int MAX_REMEMBERED = 1_000;
    private static final int SPARK_POINTS = 40;

    private final DetectionEngine engine;
    private final StreamActions actions;
    private final StreamsQuery streams;
    private final Grid<StreamStatus> grid = new Grid<>();
    private final TextField search = new TextField();
    private final Span count = new Span();
    private final SourceService sources;
    private final SourceHealthGrid sourceHealth = new SourceHealthGrid();
    /** The statuses as last sent to this browser, by stream: the rows it may be showing. */
    private final Map<String, StreamStatus> sent = new java.util.HashMap<>();
    private int updates;
    private int lastCount;

    public StreamsView(DetectionEngine engine, StreamAdmin admin, SettingsService settings, CurrentUser user,
                       SourceService sources) {
        this.engine = engine;
        this.actions = new StreamActions(admin, this::refresh);
        this.sources = sources;
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
        grid.addComponentColumn(s -> link(s.stream())).setHeader("Stream").setKey(StreamsQuery.NAME)
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
        grid.addColumn(LitRenderer.<StreamStatus>of("<div class='zscope-compact-row'>"
                                + "<a href='${item.href}'>${item.name}</a><span>${item.detail}</span></div>")
                        .withProperty("href", s -> href(s.stream()))
                        .withProperty("name", StreamStatus::stream)
                        .withProperty("detail", s -> state(s) + " · " + number(s.lastValue()) + " · "
                                + s.anomaliesLastHour() + " in 1 h · " + s.anomaliesLastDay() + " in 24 h"))
                .setHeader("Stream").setKey(COMPACT).setVisible(false);
        if (user.isAdmin()) {
            grid.addComponentColumn(s -> actions.menu(s.stream())).setHeader("").setKey("actions").setWidth("70px").setFlexGrow(0)
                    .setFrozenToEnd(true);
        }
        PhoneLayout.follow(this, this::phone);
        grid.setSelectionMode(Grid.SelectionMode.NONE);
        grid.setSizeFull();

        H2 title = new H2("Streams");
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-l)");
        HorizontalLayout top = new HorizontalLayout(title, search, count);
        top.setAlignItems(Alignment.BASELINE);
        top.getStyle().set("flex-wrap", "wrap");
        sourceHealth.setId("stream-sources");
        add(top, sourceHealth, grid);
        showSources();
        updateCount();
        LiveUi.bind(this, engine, () -> Duration.ofMillis(settings.current().pushIntervalMs()), batch -> update());
    }

    /** On a phone one two-line column replaces the six, and each row keeps its menu. */
    void phone(boolean phone) {
        grid.getColumns().forEach(c -> c.setVisible(c.getKey().equals("actions") || phone == c.getKey().equals(COMPACT)));
    }

    /** The Prometheus and MQTT sources with their health, above the streams; hidden when there are none. */
    private void showSources() {
        var health = sources.health();
        sourceHealth.setVisible(!health.isEmpty());
        sourceHealth.show(health);
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
            showSources();
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

    /** The stream's name as a link to its dashboard. */
    private static Anchor link(String stream) {
        Anchor a = new Anchor(href(stream), stream);
        a.setId("stream-link-" + stream);
        return a;
    }

    private static String href(String stream) {
        return "./" + RouteConfiguration.forSessionScope().getUrl(DashboardView.class) + "?"
                + QueryParameters.of("stream", stream).getQueryString();
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
