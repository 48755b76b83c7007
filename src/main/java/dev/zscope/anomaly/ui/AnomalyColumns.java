package dev.zscope.anomaly.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.renderer.LitRenderer;
import dev.zscope.anomaly.AnomalyQuery.SortField;
import dev.zscope.engine.Anomaly;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The anomaly grid's columns. Widths are fixed in {@code rem}, the same for a header and its
 * cells (an {@code em} width is measured in each cell's own font, and the header's is smaller), so
 * the headers line up with their cells and the columns add up to less than the grid's width at
 * 1280 px, where it spans the page. On a phone one two-line column replaces them all.
 */
final class AnomalyColumns {

    static final String COMPACT = "compact";
    /** Times as in the CSV download, the API and the chart's axis: UTC, said in the header. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private AnomalyColumns() {
    }

    static void addTo(Grid<Anomaly> grid) {
        grid.addColumn(a -> TIME.format(a.time())).setHeader("Time (UTC)").setKey(SortField.TIME.name())
                .setSortable(true).setWidth("11rem");
        grid.addColumn(Anomaly::stream).setHeader("Stream").setKey(SortField.STREAM.name()).setSortable(true)
                .setWidth("6rem").setFlexGrow(1);
        grid.addColumn(a -> num(a.value())).setHeader("Value").setKey(SortField.VALUE.name()).setSortable(true)
                .setWidth("6rem");
        // The raw score means something only next to its detector's threshold: it is in the
        // severity's tooltip, and severity is the one to read.
        grid.addColumn(a -> severity(a.severity())).setHeader("Severity").setKey(SortField.SEVERITY.name())
                .setSortable(true).setWidth("6.5rem").setTooltipGenerator(AnomalyColumns::severityTip);
        grid.addColumn(a -> num(a.expected())).setHeader("Expected").setKey("expected").setWidth("5.5rem");
        grid.addColumn(AnomalyColumns::band).setHeader("Normal band").setKey("band").setWidth("8.5rem");
        grid.addColumn(AnomalyColumns::why).setHeader("Why").setKey("why").setWidth("6.5rem")
                .setTooltipGenerator(AnomalyColumns::why);
        grid.addColumn(AnomalyColumns::detector).setHeader("Detector").setKey("detector").setWidth("9rem")
                .setTooltipGenerator(a -> a.detector() + ": threshold " + num(a.threshold())
                        + (a.window() > 0 ? ", window " + a.window() + " points" : ""));
        for (Grid.Column<Anomaly> c : grid.getColumns()) {
            c.setFlexGrow(c.getKey().equals(SortField.STREAM.name()) ? 1 : 0);
        }
        for (String key : List.of(SortField.VALUE.name(), SortField.SEVERITY.name(), "expected")) {
            grid.getColumnByKey(key).setTextAlign(ColumnTextAlign.END);
        }
        grid.addColumn(LitRenderer.<Anomaly>of("<div class='zscope-compact-row'><strong>${item.head}</strong>"
                                + "<span>${item.detail}</span></div>")
                        .withProperty("head", a -> TIME.format(a.time()) + " UTC · " + a.stream())
                        .withProperty("detail", AnomalyColumns::detail))
                .setHeader("Anomaly").setKey(COMPACT).setVisible(false);
    }

    /** One two-line column on a phone, the full set otherwise. */
    static void phone(Grid<Anomaly> grid, boolean phone) {
        grid.getColumns().forEach(c -> c.setVisible(phone == COMPACT.equals(c.getKey())));
    }

    /** The compact row's second line: "value 116.3 · expected 106.0 · severity 0.99912". */
    static String detail(Anomaly a) {
        return "value " + num(a.value()) + " · expected " + num(a.expected()) + " · severity " + severity(a.severity());
    }

    /** A severity to five decimals (0.99999 is one in 100,000), unknown ones from before V4 as a dash. */
    static String severity(double s) {
        return Double.isNaN(s) ? "–" : String.format(Locale.ROOT, "%.5f", Math.floor(s * 1e5) / 1e5);
    }

    /** The severity's tooltip: what it means, and the raw score it comes from. */
    static String severityTip(Anomaly a) {
        return "Severity " + severity(a.severity()) + ": how rare this stream's own recent scores make this one"
                + " (0.999 = one point in a thousand scores this high), comparable across detectors. Raw score "
                + num(a.score()) + " against the threshold " + num(a.threshold()) + " of " + a.detector()
                + (Double.isNaN(a.z()) ? "" : "; z = " + num(a.z()));
    }

    /** Why the point was flagged, from its expected value and band. */
    static String why(Anomaly a) {
        return dev.zscope.anomaly.AnomalyReason.of(a.value(), a.expected(), a.lower(), a.upper());
    }

    /** "zscore · 3.000 / 100": the detector with its threshold and window (when it has one). */
    static String detector(Anomaly a) {
        return a.detector() + " · " + num(a.threshold()) + (a.window() > 0 ? " / " + a.window() : "");
    }

    /** The normal band as "lower … upper", or a dash when the detector reports none. */
    static String band(Anomaly a) {
        return Double.isNaN(a.lower()) && Double.isNaN(a.upper()) ? "–" : num(a.lower()) + " … " + num(a.upper());
    }

    static String num(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "∞" : "−∞";
        }
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.4g", d);
    }
}
