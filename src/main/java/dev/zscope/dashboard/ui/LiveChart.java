package dev.zscope.dashboard.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import dev.zscope.engine.StreamPoint;
import java.util.List;

/**
 * Server-side face of {@code <zscope-live-chart>}, our thin Lit wrapper over ApexCharts 4.7.0.
 *
 * <p>Only new points travel to the browser ({@link #append}); the element keeps its own bounded
 * window. Rows are compact JSON arrays because a chart update per push must stay small.
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

    private long sent;

    public LiveChart(int maxPoints) {
        getElement().setProperty("maxPoints", maxPoints);
        setWidthFull();
        setHeight("360px");
    }

    /** Appends new points on the right; older ones scroll out in the browser. */
    public void append(List<StreamPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        sent += points.size();
        getElement().callJsFunction("append", toJson(points));
        getElement().setAttribute(NEWEST_ATTRIBUTE, Long.toString(points.getLast().epochMillis()));
    }

    /** Marks the given points as what candidate settings would have flagged; empty to clear. */
    public void preview(List<StreamPoint> flagged) {
        getElement().callJsFunction("preview", toJson(flagged));
    }

    /** Empties the chart, e.g. before another stream's points arrive. */
    public void clear() {
        getElement().callJsFunction("clear");
    }

    /** How many points were sent to the browser in all; for tests and diagnostics. */
    public long sentCount() {
        return sent;
    }

    /** Rows of {@code [millis, value, expected, lower, upper, anomaly, injected]}; null where unknown. */
    static String toJson(List<StreamPoint> points) {
        StringBuilder sb = new StringBuilder(points.size() * 64).append('[');
        for (int i = 0; i < points.size(); i++) {
            StreamPoint p = points.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append('[').append(p.epochMillis()).append(',');
            number(sb, p.value()).append(',');
            number(sb, p.expected()).append(',');
            number(sb, p.lower()).append(',');
            number(sb, p.upper()).append(',');
            sb.append(p.anomaly() ? 1 : 0).append(',').append(p.injected() ? 1 : 0).append(']');
        }
        return sb.append(']').toString();
    }

    /** JSON has no NaN or Infinity: a gap in the line is the honest picture of either. */
    private static StringBuilder number(StringBuilder sb, double d) {
        return Double.isFinite(d) ? sb.append(d) : sb.append("null");
    }
}
