package dev.zscope.dashboard.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.zscope.alert.AlertService;
import dev.zscope.alert.ui.StreamAlertPanel;
import dev.zscope.anomaly.AnomalyService;
import dev.zscope.anomaly.ui.AnomalyGrid;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.LiveBatch;
import dev.zscope.engine.StreamPoint;
import dev.zscope.engine.StreamStatus;
import dev.zscope.engine.ui.LiveUi;
import dev.zscope.history.HistoryService;
import dev.zscope.history.Series;
import dev.zscope.security.CurrentUser;
import dev.zscope.security.Roles;
import dev.zscope.settings.SettingsService;
import dev.zscope.settings.ZscopeSettings;
import dev.zscope.settings.ui.SettingsForm;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard: a stream's chart over a time range (the last 15 minutes to 7 days, live, or any
 * range zoomed, panned or typed in), loaded from the point store and thinned to the chart's width,
 * the anomaly grid of every stream, and the settings form. Its address is the view: stream, range
 * and a highlighted moment ({@link TimeRange}), kept up to date so it can be shared. A grid row or
 * an anomaly notification opens the chart at that moment. In live mode the chart follows its stream
 * through the tab's {@link LiveUi}; the grid refreshes when an anomaly is found on any stream.
 */
@Route("")
@Menu(title = "Dashboard", order = 0, icon = "vaadin:chart")
@PageTitle("Dashboard · Zscope")
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class DashboardView extends VerticalLayout implements BeforeEnterObserver {

    /** Points of the followed stream the first live delivery may carry: all it holds in memory. */
    static final int FOLLOW_BACKLOG = 1_000_000;

    private final SettingsService settings;
    private final DetectionEngine engine;
    private final HistoryService history;
    private final LiveChart chart = new LiveChart();
    private final AnomalyGrid grid;
    private final Span counts = new Span();
    private final Span legend = new Span();
    private final Span empty = new Span();
    private final Button toNewest = new Button("Show the newest points");
    private final SettingsForm form;
    private final StreamAlertPanel alertPanel;
    private final Select<String> picker = new Select<>();
    private final TimeBar bar;
    private String stream;
    private TimeRange range = TimeRange.DEFAULT;
    private Long highlight;
    private long lastSequence = -1;
    private int plotWidth = 1000;
    private boolean previewShown;
    private int pushInterval;
    private SettingsService.Listening settingsListener;

    public DashboardView(DetectionEngine engine, SettingsService settings, AnomalyService anomalies,
                         AlertService alerts, HistoryService history, CurrentUser user) {
        this.settings = settings;
        this.engine = engine;
        this.history = history;
        this.grid = new AnomalyGrid(anomalies);
        this.stream = engine.firstStream().orElse(null);
        this.form = new SettingsForm(settings, user.isAdmin(), this::preview, () -> stream);
        this.alertPanel = new StreamAlertPanel(alerts, user.isAdmin(), this::preview, engine::detectorChoice);
        this.bar = new TimeBar(engine::nowMillis, this::choose);
        addClassName("zscope-dashboard");
        setSizeFull();
        chart.setId("live-chart");
        chart.addRangeRequestListener(r -> {
            plotWidth = Math.max(100, r.width());
            choose(TimeRange.between(r.from(), r.to()));
        });
        counts.setId("detected-vs-injected");
        legend.setId("chart-legend");
        empty.setId("chart-empty");
        toNewest.setId("chart-to-newest");
        toNewest.addThemeVariants(ButtonVariant.LUMO_SMALL);
        toNewest.addClickListener(e -> showNewest());
        for (Span s : List.of(counts, legend, empty)) {
            s.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        }
        picker.setId("stream-picker");
        picker.setAriaLabel("Stream");
        picker.setItems(streamNames());
        picker.setValue(stream);
        picker.addValueChangeListener(e -> {
            if (e.getValue() != null && !e.getValue().equals(stream)) {
                show(e.getValue());
                updateAddress();
            }
        });
        Div chartHeader = new Div(picker, bar, counts, bar.label());
        chartHeader.addClassName("zscope-chart-head");
        HorizontalLayout emptyRow = new HorizontalLayout(empty, toNewest);
        emptyRow.setAlignItems(Alignment.BASELINE);
        emptyRow.getStyle().set("flex-wrap", "wrap");
        Div chartCard = card(chartHeader, bar.customRow(), emptyRow, chart, legend);
        chartCard.setWidthFull();
        grid.addAnomalyClickListener(a -> openMoment(a.stream(), a.time().toEpochMilli()));
        form.addPreviewStaleListener(this::clearPreview);

        Div gridCard = card(new H3("Anomalies"), grid);
        gridCard.addClassName("zscope-grid-card");
        Div formCard = card(new H3("Settings"), form, alertPanel);
        formCard.addClassName("zscope-form-card");
        Div columns = new Div(gridCard, formCard);
        columns.addClassName("zscope-columns");
        add(chartCard, columns);
        alertPanel.show(stream);
        pushInterval = settings.current().pushIntervalMs();
        LiveUi.bind(this, engine, () -> Duration.ofMillis(pushInterval), this::onBatch);
    }

    private List<String> streamNames() {
        return engine.statuses().stream().map(StreamStatus::stream).toList();
    }

    /**
     * Replays the shown stream's recent history through candidate settings, marks what they
     * would have flagged on the chart and says how that compares with what was flagged.
     */
    String preview(DetectorChoice candidate) {
        if (stream == null) {
            return "No stream to preview on yet.";
        }
        List<StreamPoint> recent = engine.recent(stream, Integer.MAX_VALUE);
        List<StreamPoint> flagged = HistoryPreview.flag(recent, candidate);
        chart.preview(flagged);
        previewShown = true;
        showLegend();
        long before = recent.stream().filter(StreamPoint::anomaly).count();
        return String.format(Locale.ROOT, "Over the last %,d points these settings would have raised %s (the settings"
                        + " in force raised %s). Marked in purple on the chart.", recent.size(),
                anomalies(flagged.size()), anomalies(before));
    }

    static String anomalies(long n) {
        return n == 1 ? "1 anomaly" : String.format(Locale.ROOT, "%,d anomalies", n);
    }

    private void clearPreview() {
        if (previewShown) {
            previewShown = false;
            chart.preview(List.of());
            showLegend();
        }
    }

    /** Opens on the address's stream, range and moment, e.g. from the streams overview or a shared link. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters q = event.getLocation().getQueryParameters();
        q.getSingleParameter("stream").filter(engine::exists).ifPresent(name -> {
            picker.setItems(streamNames());
            stream = name;
            picker.setValue(name);
            form.show(settings.current());
            alertPanel.show(name);
            clearPreview();
        });
        String problem = null;
        try {
            range = TimeRange.parse(q).orElse(TimeRange.DEFAULT);
            highlight = TimeRange.highlight(q).orElse(null);
        } catch (IllegalArgumentException e) {
            range = TimeRange.DEFAULT;
            highlight = null;
            problem = "The address names no range this page can show (" + e.getMessage() + "); showing the last 15 min.";
        }
        load();
        if (problem != null) {
            bar.problem(problem);
        }
    }

    /** Shows another stream over the same range. */
    void show(String name) {
        stream = name;
        highlight = null;
        form.show(settings.current());
        alertPanel.show(name);
        clearPreview();
        chart.clear();
        load();
    }

    /** Shows {@code next} (a preset, a zoom, a pan, a custom range); a highlighted moment stays while in it. */
    void choose(TimeRange next) {
        range = next;
        long now = engine.nowMillis();
        if (highlight != null && (highlight < next.start(now) || highlight > next.end(now))) {
            highlight = null;
        }
        load();
        updateAddress();
    }

    /** Opens the chart at the moment an anomaly was found, on its stream, highlighted. */
    public void openMoment(String name, long epochMillis) {
        if (engine.exists(name) && !name.equals(stream)) {
            stream = name;
            picker.setItems(streamNames());
            picker.setValue(name);
            form.show(settings.current());
            alertPanel.show(name);
            clearPreview();
        }
        range = TimeRange.around(epochMillis);
        highlight = epochMillis;
        load();
        updateAddress();
    }

    /** Loads the range from the point store into the chart, and follows new points when live. */
    private void load() {
        bar.show(range);
        if (stream == null) {
            chart.clear();
            empty.setText("No streams yet: send points to the API or turn on the simulator.");
            toNewest.setVisible(false);
            return;
        }
        long now = engine.nowMillis();
        long from = range.start(now);
        long to = range.end(now);
        int buckets = Math.clamp(plotWidth / 2, 100, 1000);
        Series s;
        try {
            s = history.series(stream, from, to, Math.max(1, Math.ceilDiv(to - from + 1, buckets)));
        } catch (RuntimeException e) { // busy or unreadable: say so, show what memory holds later
            Notification.show("Could not load this range: " + e.getMessage(), 5000, Notification.Position.MIDDLE);
            s = new Series(stream, from, to, 1, List.of(), List.of(), false, -1);
        }
        lastSequence = s.lastSequence();
        chart.load(s, from, to, range.live(), highlight);
        StreamStatus status = engine.status(stream);
        showCounts(status);
        showEmpty(s, status, from, to);
        showLegend();
        follow();
    }

    private void showEmpty(Series s, StreamStatus status, long from, long to) {
        boolean nothing = s.buckets().isEmpty() && s.marks().isEmpty();
        long newest = status.lastPointMillis();
        boolean elsewhere = nothing && status.points() > 0 && (newest < from || newest > to);
        empty.setText(!nothing ? "" : elsewhere ? "No points between these times; the newest is at "
                + Instant.ofEpochMilli(newest) + "." : "No points between these times yet.");
        empty.setVisible(nothing);
        toNewest.setVisible(elsewhere);
    }

    /** A range of the current width that ends at the stream's newest point (old or replayed data). */
    private void showNewest() {
        long now = engine.nowMillis();
        long width = range.end(now) - range.start(now);
        long newest = engine.status(stream).lastPointMillis();
        choose(TimeRange.between(newest - width + width / 20, newest + width / 20));
    }

    private void showLegend() {
        if (stream != null) {
            legend.setText(ChartLegend.text(engine.detectorChoice(stream), engine.status(stream).injected() > 0,
                    previewShown));
        }
    }

    private void updateAddress() {
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, new Location("", range.query(stream, highlight))));
    }

    private void follow() {
        getUI().ifPresent(ui -> live(ui).follow(stream, FOLLOW_BACKLOG));
    }

    private LiveUi live(UI ui) {
        return LiveUi.of(ui, engine, () -> Duration.ofMillis(pushInterval));
    }

    /** Runs inside {@code UI.access}: in live mode new points to the chart; the grid refreshed on anomalies. */
    void onBatch(LiveBatch batch) {
        if (stream != null && stream.equals(batch.stream())) {
            if (range.live()) {
                List<StreamPoint> fresh = batch.points().stream().filter(p -> p.sequence() > lastSequence).toList();
                if (!fresh.isEmpty()) {
                    lastSequence = fresh.getLast().sequence();
                    chart.append(fresh);
                }
            }
            showCounts(batch.status());
        }
        if (!batch.anomalies().isEmpty() || batch.droppedAnomalies() > 0) {
            grid.refresh();
        }
        alertPanel.refresh();
    }

    private void showCounts(StreamStatus s) {
        counts.setText("Detected " + anomalies(s.anomalies()) + (s.injected() > 0 ? " · injected " + s.injected() : ""));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        follow();
        UI ui = event.getUI();
        settingsListener = settings.addListener(s -> ui.access(() -> settingsChanged(s)));
    }

    private void settingsChanged(ZscopeSettings s) {
        if (s.pushIntervalMs() != pushInterval) {
            pushInterval = s.pushIntervalMs();
            getUI().ifPresent(ui -> live(ui).restart());
        }
        showLegend();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        super.onDetach(event);
        live(event.getUI()).follow(null, 0);
        if (settingsListener != null) {
            settingsListener.close();
            settingsListener = null;
        }
    }

    /** For tests: the chart component. */
    LiveChart chart() {
        return chart;
    }

    /** For tests: the stream shown. */
    String stream() {
        return stream;
    }

    /** For tests: the range shown. */
    TimeRange range() {
        return range;
    }

    /** For tests: the highlighted moment, or null. */
    Long highlight() {
        return highlight;
    }

    private static Div card(Component... content) {
        Div d = new Div(content);
        d.addClassName("zscope-card");
        return d;
    }
}
