package dev.zscope.anomaly.ui;

import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.streams.DownloadEvent;
import dev.zscope.engine.Anomaly;
import dev.zscope.anomaly.AnomalyQuery;
import dev.zscope.anomaly.AnomalyQuery.SortField;
import dev.zscope.anomaly.AnomalyService;
import dev.zscope.base.ui.BrowserTime;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Browses the anomaly record: newest first, sortable, filterable by time range (in the viewer's
 * time zone) and minimum score, loaded lazily page by page, with a count and a CSV download of
 * exactly what the filters select (streamed; formula-like cells are neutralised by the service).
 */
public class AnomalyGrid extends VerticalLayout {

    /**
     * How many rows of a result the grid lists, in the chosen order (as Elasticsearch's default
     * result window). Scrolling reads each next page by seeking past the previous one, fast at any
     * depth, but dragging the scroll bar jumps, and a jump makes the database count past every row
     * before it: with a broad filter sorted by another column, about a second per 10,000 rows of 10
     * million. The count stays exact and the download has every row; narrowing the filters or
     * reversing the sort reaches the others.
     */
    public static final int LISTED_ROWS = 10_000;

    private final AnomalyService service;
    private final Grid<Anomaly> grid = new Grid<>();
    private final DateTimePicker from = new DateTimePicker("From");
    private final DateTimePicker to = new DateTimePicker("To");
    private final NumberField minSeverity = new NumberField("Min severity");
    private final Span count = new Span();

    private final int listedRows;

    public AnomalyGrid(AnomalyService service) {
        this(service, LISTED_ROWS);
    }

    /** A grid that lists at most {@code listedRows} rows of a result (tests use a small number). */
    public AnomalyGrid(AnomalyService service, int listedRows) {
        this.service = service;
        this.listedRows = listedRows;
        setPadding(false);
        setSpacing(false);
        grid.setId("anomaly-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(a -> BrowserTime.format(a.time())).setHeader("Time").setKey(SortField.TIME.name())
                .setSortable(true).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Anomaly::stream).setHeader("Stream").setKey(SortField.STREAM.name()).setSortable(true);
        grid.addColumn(a -> num(a.value())).setHeader("Value").setKey(SortField.VALUE.name()).setSortable(true);
        grid.addColumn(a -> severity(a.severity())).setHeader("Severity").setKey(SortField.SEVERITY.name())
                .setSortable(true).setTooltipGenerator(a -> "how rare this stream's own recent scores make this one:"
                        + " 0.999 = one point in a thousand scores this high; comparable across detectors");
        grid.addColumn(a -> num(a.score())).setHeader("Score").setKey(SortField.SCORE.name()).setSortable(true)
                .setTooltipGenerator(a -> "the detector's score, compared with its threshold " + num(a.threshold())
                        + (Double.isNaN(a.z()) ? "" : "; z = " + num(a.z())));
        grid.addColumn(a -> num(a.expected())).setHeader("Expected");
        grid.addColumn(a -> band(a)).setHeader("Normal band");
        grid.addColumn(a -> num(a.z())).setHeader("z");
        grid.addColumn(a -> num(a.threshold()) + (a.window() > 0 ? " / " + a.window() : ""))
                .setHeader("Threshold / window");
        grid.addColumn(Anomaly::detector).setHeader("Detector");
        grid.getColumns().forEach(c -> c.setAutoWidth(true));
        for (SortField numeric : List.of(SortField.VALUE, SortField.SEVERITY, SortField.SCORE)) { // short cells, header plus sorter
            grid.getColumnByKey(numeric.name()).setAutoWidth(false).setWidth("7em").setFlexGrow(0);
        }
        grid.setMultiSort(false);
        grid.setItems(q -> service.find(query(q.getSortOrders(), BrowserTime.zone()), q.getOffset(),
                        q.getLimit()).stream(),
                q -> Math.min(listedRows, service.count(query(List.of(), BrowserTime.zone()))));
        grid.setHeight("420px");

        minSeverity.setMin(0);
        minSeverity.setMax(1);
        minSeverity.setStep(0.001);
        minSeverity.setId("filter-min-severity");
        minSeverity.setValueChangeMode(ValueChangeMode.LAZY);
        minSeverity.setHelperText("0 to 1, blank = any");
        minSeverity.setErrorMessage("A severity is from 0 to 1");
        from.setId("filter-from");
        to.setId("filter-to");
        for (var picker : List.of(from, to)) {
            picker.setWidthFull();
            picker.setMaxWidth("19em");
            picker.getStyle().set("min-width", "0");
        }
        minSeverity.setWidth("8em");
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        minSeverity.addValueChangeListener(e -> refresh());

        count.setId("anomaly-count");
        Anchor download = new Anchor(this::download, "");
        download.setId("anomaly-download");
        download.add(VaadinIcon.DOWNLOAD.create(), new Span(" Download CSV"));
        HorizontalLayout filters = new HorizontalLayout(from, to, minSeverity);
        filters.getStyle().set("flex-wrap", "wrap");
        filters.setWidthFull();
        HorizontalLayout footer = new HorizontalLayout(count, download);
        footer.setAlignItems(FlexComponent.Alignment.CENTER);
        footer.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        footer.setWidthFull();
        add(filters, grid, footer);
        updateCount();
    }

    /** Re-reads the grid and the count, e.g. after new anomalies arrived. */
    public void refresh() {
        grid.getDataProvider().refreshAll();
        updateCount();
    }

    private void updateCount() {
        int n = service.count(query(List.of(), BrowserTime.zone()));
        String text = n == 1 ? "1 anomaly" : String.format(Locale.ROOT, "%,d anomalies", n);
        count.setText(n <= listedRows ? text : text + String.format(Locale.ROOT,
                " (the grid lists the first %,d in this order: narrow the filters or reverse the sort for the"
                        + " others; the download has all)", listedRows));
    }

    /** The filters and the grid's sort order as a query. */
    AnomalyQuery query(List<QuerySortOrder> sort, ZoneId zone) {
        AnomalyQuery q = AnomalyQuery.all()
                .withTimeRange(instant(from.getValue(), zone), instant(to.getValue(), zone))
                .withMinSeverity(minSeverity.isInvalid() || minSeverity.getValue() == null
                        || !(minSeverity.getValue() >= 0 && minSeverity.getValue() <= 1) ? null : minSeverity.getValue());
        if (sort.isEmpty()) {
            return q;
        }
        QuerySortOrder order = sort.getFirst();
        return q.sortedBy(SortField.valueOf(order.getSorted()),
                order.getDirection() == SortDirection.ASCENDING
                        ? AnomalyQuery.Direction.ASCENDING : AnomalyQuery.Direction.DESCENDING);
    }

    private void download(DownloadEvent event) throws IOException {
        AnomalyQuery q = query(grid.getSortOrder().stream()
                        .map(o -> new QuerySortOrder(o.getSorted().getKey(), o.getDirection())).toList(),
                BrowserTime.zone(event.getUI()));
        event.setFileName("anomalies.csv");
        event.setContentType("text/csv; charset=UTF-8");
        try (OutputStream out = event.getOutputStream()) {
            service.export(q, out);
        }
    }

    private static Instant instant(LocalDateTime local, ZoneId zone) {
        return local == null ? null : local.atZone(zone).toInstant();
    }

    /** The normal band as "lower … upper", or a dash when the detector reports none. */
    private static String band(Anomaly a) {
        return Double.isNaN(a.lower()) && Double.isNaN(a.upper()) ? "–" : num(a.lower()) + " … " + num(a.upper());
    }

    /** A severity to five decimals (0.99999 is one in 100,000), unknown ones from before V4 as a dash. */
    static String severity(double s) {
        return Double.isNaN(s) ? "–" : String.format(Locale.ROOT, "%.5f", Math.floor(s * 1e5) / 1e5);
    }

    private static String num(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "∞" : "−∞";
        }
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.4g", d);
    }

    /** For tests. */
    Grid<Anomaly> grid() {
        return grid;
    }
}
