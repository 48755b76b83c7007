package dev.zscope.dashboard.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.zscope.anomaly.AnomalyService;
import dev.zscope.anomaly.ui.AnomalyGrid;
import dev.zscope.engine.ui.LiveUpdates;
import dev.zscope.ui.MainLayout;
import dev.zscope.security.CurrentUser;
import dev.zscope.security.Roles;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.settings.SettingsService;
import dev.zscope.settings.ZscopeSettings;
import dev.zscope.settings.ui.SettingsForm;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.EngineBatch;
import dev.zscope.engine.StreamPoint;
import dev.zscope.engine.StreamStatus;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.util.List;

/**
 * The live dashboard: the chart of recent points with the band and anomalies, the anomaly grid,
 * and the settings form. It subscribes to the engine while attached and receives one batch per
 * push interval; the chart gets only the new points.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Dashboard · Zscope")
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class DashboardView extends VerticalLayout implements BeforeEnterObserver {

    static final int CHART_POINTS = 600;

    private final SettingsService settings;
    private final LiveChart chart = new LiveChart(CHART_POINTS);
    private final AnomalyGrid grid;
    private final Span counts = new Span();
    private final LiveUpdates updates;
    private long lastSequence = -1;
    private String stream;
    private final SettingsForm form;
    private final DetectionEngine engine;
    private Select<String> picker;
    private int pushInterval;
    private SettingsService.Listening settingsListener;

    public DashboardView(DetectionEngine engine, SettingsService settings, AnomalyService anomalies,
                         CurrentUser user) {
        this.settings = settings;
        this.engine = engine;
        this.grid = new AnomalyGrid(anomalies);
        this.stream = engine.streamName();
        this.form = new SettingsForm(settings, user.isAdmin(), this::preview, () -> stream);
        addClassName("zscope-dashboard");
        setSizeFull();
        chart.setId("live-chart");
        counts.setId("detected-vs-injected");
        counts.getStyle().set("color", "var(--lumo-secondary-text-color)")
                .set("font-size", "var(--lumo-font-size-s)");

        picker = new Select<>();
        picker.setId("stream-picker");
        picker.setAriaLabel("Stream");
        picker.setItems(engine.statuses().stream().map(StreamStatus::stream).toList());
        picker.setValue(stream);
        picker.addValueChangeListener(e -> {
            if (e.getValue() != null && !e.getValue().equals(stream)) {
                show(e.getValue());
            }
        });
        HorizontalLayout chartHeader = new HorizontalLayout(picker, counts);
        chartHeader.setAlignItems(Alignment.BASELINE);
        chartHeader.getStyle().set("flex-wrap", "wrap");
        Div chartCard = card(chartHeader, chart);
        chartCard.setWidthFull();

        Div gridCard = card(new H3("Anomalies"), grid);
        gridCard.addClassName("zscope-grid-card");
        Div formCard = card(new H3("Settings"), form);
        formCard.addClassName("zscope-form-card");
        Div columns = new Div(gridCard, formCard);
        columns.addClassName("zscope-columns");

        add(chartCard, columns);
        showCounts(engine.status());
        pushInterval = settings.current().pushIntervalMs();
        updates = LiveUpdates.bind(this, engine, () -> stream, () -> Duration.ofMillis(pushInterval),
                CHART_POINTS, this::onBatch);
    }

    /**
     * Replays the shown stream's recent history through candidate settings, marks what they
     * would have flagged on the chart and says how that compares with what was flagged.
     */
    String preview(DetectorChoice candidate) {
        List<StreamPoint> history = engine.recent(stream, Integer.MAX_VALUE);
        List<StreamPoint> flagged = HistoryPreview.flag(history, candidate);
        chart.preview(flagged);
        long before = history.stream().filter(StreamPoint::anomaly).count();
        return String.format(java.util.Locale.ROOT,
                "Over the last %,d points these settings would have raised %,d anomalies (the settings"
                        + " in force raised %,d). Marked in purple on the chart.",
                history.size(), flagged.size(), before);
    }

    /** Opens on the stream named by {@code ?stream=}, e.g. from the streams overview. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("stream")
                .filter(engine::exists)
                .ifPresent(name -> {
                    picker.setItems(engine.statuses().stream().map(StreamStatus::stream).toList());
                    stream = name;
                    picker.setValue(name);
                    form.show(settings.current());
                });
    }

    /** Shows another stream: the chart starts over with that stream's recent points. */
    void show(String name) {
        stream = name;
        form.show(settings.current());
        lastSequence = -1;
        chart.clear();
        updates.switchStream();
    }

    /** Runs inside {@code UI.access}: new points to the chart, the grid refreshed on anomalies. */
    void onBatch(EngineBatch batch) {
        List<StreamPoint> fresh = batch.points().stream().filter(p -> p.sequence() > lastSequence).toList();
        if (!fresh.isEmpty()) {
            lastSequence = fresh.getLast().sequence();
            chart.append(fresh);
        }
        if (fresh.stream().anyMatch(StreamPoint::anomaly)) {
            grid.refresh();
        }
        showCounts(batch.status());
    }

    private void showCounts(StreamStatus s) {
        counts.setText("Detected " + s.anomalies() + " · injected " + s.injected() + " since start");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        lastSequence = -1;
        var ui = event.getUI();
        settingsListener = settings.addListener(s -> ui.access(() -> settingsChanged(s)));
    }

    private void settingsChanged(ZscopeSettings s) {
        if (s.pushIntervalMs() != pushInterval) {
            pushInterval = s.pushIntervalMs();
            updates.restart();
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        super.onDetach(event);
        if (settingsListener != null) {
            settingsListener.close();
            settingsListener = null;
        }
    }

    /** For tests: the chart component. */
    LiveChart chart() {
        return chart;
    }

    /** For tests: whether the view is subscribed to the engine. */
    boolean isLive() {
        return updates.isSubscribed();
    }

    private static Div card(Component... content) {
        Div d = new Div(content);
        d.addClassName("zscope-card");
        return d;
    }
}
