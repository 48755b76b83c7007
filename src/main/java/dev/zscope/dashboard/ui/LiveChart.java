package dev.zscope.dashboard.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.shared.Registration;
import dev.zscope.engine.StreamPoint;
import dev.zscope.history.Series;
import java.util.List;

/**
 * Server-side face of {@code <zscope-live-chart>}, our Lit element over ApexCharts 4.7.0, with its
 * time axis in UTC.
 *
 * <p>The dashboard {@link #load loads} a range (its points thinned to the chart's width, every
 * anomaly whole) and, in live mode, {@link #append appends} only new points, which slide the window;
 * a zoom in the browser comes back as a {@link RangeRequest}. Without a loaded range (the backtest)
 * appended points simply fill the chart up to {@code maxPoints}. Rows are compact JSON arrays
 * ({@link ChartRows}) because a chart update per push must stay small.
 */
@Tag("zscope-live-chart")
@NpmPackage(value = "apexcharts", version = "4.7.0")
@JsModule("./live-chart.ts")
public class LiveChart extends Component implements HasSize {

    /**
     * Timestamp (epoch millis) of the newest point sent, as an attribute of the element: one short
     * attribute change per push lets a load tool measure engine-to-browser lag with a
     * MutationObserver, without a frontend build; a simulated stream's points carry the engine's
     * clock at processing.
     */
    public static final String NEWEST_ATTRIBUTE = "data-newest";

    /** A range the person zoomed to in the browser, and the chart's width in pixels then. */
    public record RangeRequest(long from, long to, int width) {
    }

    private long sent;

    /** A chart for a loaded range. */
    public LiveChart() {
        this(600);
    }

    /** A chart without a range that keeps the newest {@code maxPoints} appended points. */
    public LiveChart(int maxPoints) {
        getElement().setProperty("maxPoints", maxPoints);
        setWidthFull();
        setHeight("360px");
    }

    /**
     * Shows {@code series} over {@code [from, to]}; {@code live}: new points will be appended and the
     * window slide with them; {@code highlight}: a moment to mark (null for none).
     */
    public void load(Series series, long from, long to, boolean live, Long highlight) {
        sent += series.buckets().size();
        getElement().callJsFunction("load", ChartRows.load(series, from, to, live, highlight));
        newest(ChartRows.newest(series));
    }

    /** Appends new points on the right. */
    public void append(List<StreamPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        sent += points.size();
        getElement().callJsFunction("append", ChartRows.points(points));
        newest(points.getLast().epochMillis());
    }

    private void newest(long epochMillis) {
        if (epochMillis != Long.MIN_VALUE) {
            getElement().setAttribute(NEWEST_ATTRIBUTE, Long.toString(epochMillis));
        }
    }

    /** Marks the given points as what candidate settings would have flagged; empty to clear. */
    public void preview(List<StreamPoint> flagged) {
        getElement().callJsFunction("preview", ChartRows.preview(flagged));
    }

    /** Empties the chart, e.g. before another stream's points arrive. */
    public void clear() {
        getElement().callJsFunction("clear");
    }

    /** Calls {@code listener} when the person zooms in the browser. */
    public Registration addRangeRequestListener(SerializableConsumer<RangeRequest> listener) {
        return getElement().addEventListener("range-request", e -> listener.accept(new RangeRequest(
                        (long) e.getEventData().get("event.detail.from").asDouble(),
                        (long) e.getEventData().get("event.detail.to").asDouble(),
                        (int) e.getEventData().get("event.detail.width").asDouble())))
                .addEventData("event.detail.from").addEventData("event.detail.to").addEventData("event.detail.width");
    }

    /** How many points (or buckets) were sent to the browser in all; for tests and diagnostics. */
    public long sentCount() {
        return sent;
    }
}
