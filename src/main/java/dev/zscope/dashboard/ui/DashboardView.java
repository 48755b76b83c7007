package dev.zscope.dashboard.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
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
import dev.zscope.security.CurrentUser;
import dev.zscope.security.Roles;
import dev.zscope.settings.SettingsService;
import dev.zscope.settings.ZscopeSettings;
import dev.zscope.settings.ui.SettingsForm;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The live dashboard: the chart of a stream's recent points with the band and anomalies, the
 * anomaly grid of every stream, and the settings form. It follows its stream through the tab's
 * {@link LiveUi} while attached: the chart gets the new points, the grid refreshes when an anomaly
 * is found on any stream.
 */
@Route("")
@Menu(title = "Dashboard", order = 0, icon = "vaadin:chart")
@PageTitle("Dashboard · Zscope")
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class DashboardView extends VerticalLayout implements BeforeEnterObserver {

    static final int CHART_POINTS = 600;

    private final SettingsService settings;
    private final DetectionEngine engine;
    private final LiveChart chart = new LiveChart(CHART_POINTS);
    private final AnomalyGrid grid;
    private final Span counts = new Span();
    private final SettingsForm form;
    private final StreamAlertPanel alertPanel;
    private final Select<String> picker = new Select<>();
    private String stream;
    private long lastSequence = -1;
    private int pushInterval;
    private SettingsService.Listening settingsListener;

    public DashboardView(DetectionEngine engine, SettingsService settings, AnomalyService anomalies,
                         AlertService alerts, CurrentUser user) {
        this.settings = settings;
        this.engine = engine;
        this.grid = new AnomalyGrid(anomalies);
        this.stream = engine.firstStream().orElse(null);
        this.form = new SettingsForm(settings, user.isAdmin(), this::preview, () -> stream);
        this.alertPanel = new StreamAlertPanel(alerts, user.isAdmin(), this::preview, engine::detectorChoice);
        addClassName("zscope-dashboard");
        setSizeFull();
        chart.setId("live-chart");
        counts.setId("detected-vs-injected");
        counts.getStyle().set("color", "var(--lumo-secondary-text-color)")
                .set("font-size", "var(--lumo-font-size-s)");

        picker.setId("stream-picker");
        picker.setAriaLabel("Stream");
        picker.setItems(streamNames());
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
        Div formCard = card(new H3("Settings"), form, alertPanel);
        formCard.addClassName("zscope-form-card");
        Div columns = new Div(gridCard, formCard);
        columns.addClassName("zscope-columns");

        add(chartCard, columns);
        if (stream != null) {
            showCounts(engine.status(stream));
        }
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
        List<StreamPoint> history = engine.recent(stream, Integer.MAX_VALUE);
        List<StreamPoint> flagged = HistoryPreview.flag(history, candidate);
        chart.preview(flagged);
        long before = history.stream().filter(StreamPoint::anomaly).count();
        return String.format(Locale.ROOT,
                "Over the last %,d points these settings would have raised %,d %s (the settings"
                        + " in force raised %,d). Marked in purple on the chart.",
                history.size(), flagged.size(), flagged.size() == 1 ? "anomaly" : "anomalies", before);
    }

    /** Opens on the stream named by {@code ?stream=}, e.g. from the streams overview. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("stream")
                .filter(engine::exists)
                .ifPresent(name -> {
                    picker.setItems(streamNames());
                    stream = name;
                    picker.setValue(name);
                    form.show(settings.current());
                    alertPanel.show(name);
                    follow();
                });
    }

    /** Shows another stream: the chart starts over with that stream's recent points. */
    void show(String name) {
        stream = name;
        form.show(settings.current());
        alertPanel.show(name);
        chart.clear();
        follow();
    }

    private void follow() {
        lastSequence = -1;
        getUI().ifPresent(ui -> live(ui).follow(stream, CHART_POINTS));
    }

    private LiveUi live(UI ui) {
        return LiveUi.of(ui, engine, () -> Duration.ofMillis(pushInterval));
    }

    /** Runs inside {@code UI.access}: new points to the chart, the grid refreshed on anomalies. */
    void onBatch(LiveBatch batch) {
        if (stream != null && stream.equals(batch.stream())) {
            List<StreamPoint> fresh = batch.points().stream().filter(p -> p.sequence() > lastSequence).toList();
            if (!fresh.isEmpty()) {
                lastSequence = fresh.getLast().sequence();
                chart.append(fresh);
            }
            showCounts(batch.status());
        }
        if (!batch.anomalies().isEmpty() || batch.droppedAnomalies() > 0) {
            grid.refresh();
        }
        alertPanel.refresh();
    }

    private void showCounts(StreamStatus s) {
        counts.setText("Detected " + s.anomalies() + " · injected " + s.injected());
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

    private static Div card(Component... content) {
        Div d = new Div(content);
        d.addClassName("zscope-card");
        return d;
    }
}
