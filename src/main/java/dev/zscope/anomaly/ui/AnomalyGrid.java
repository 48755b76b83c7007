package dev.zscope.anomaly.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Result;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.streams.DownloadEvent;
import dev.zscope.anomaly.AnomalyQuery.SortField;
import dev.zscope.anomaly.AnomalyQuery;
import dev.zscope.anomaly.AnomalyService;
import dev.zscope.base.ui.NumberRule;
import dev.zscope.base.ui.PhoneLayout;
import dev.zscope.engine.Anomaly;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Browses the anomaly record: newest first, sortable, filterable by time range (in UTC, as the CSV
 * download and the API write times) and minimum score, loaded lazily page by page, with a count and a CSV download of
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

    private static final ZoneId UTC = java.time.ZoneOffset.UTC;

    private final AnomalyService service;
    private final Grid<Anomaly> grid = new Grid<>();
    private final DateTimePicker from = new DateTimePicker("From (UTC)");
    private final DateTimePicker to = new DateTimePicker("To (UTC)");
    private static final NumberRule MIN_SEVERITY = NumberRule.number("Min severity", 0, 1);

    private final TextField minSeverity = MIN_SEVERITY.field("filter-min-severity");
    private final HorizontalLayout filters = new HorizontalLayout(from, to, minSeverity);
    private final Button showFilters = new Button("Filters", VaadinIcon.FILTER.create());
    private final Span emptyState = new Span();
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
        AnomalyColumns.addTo(grid);
        grid.setMultiSort(false);
        grid.setItems(q -> service.find(query(q.getSortOrders(), UTC), q.getOffset(), q.getLimit()).stream(),
                q -> Math.min(listedRows, service.count(query(List.of(), UTC))));
        grid.setHeight("420px");

        minSeverity.setId("filter-min-severity");
        minSeverity.setValueChangeMode(ValueChangeMode.LAZY);
        minSeverity.setHelperText("0 to 1; blank = any");
        minSeverity.setWidth("9rem");
        from.setId("filter-from");
        to.setId("filter-to");
        for (var picker : List.of(from, to)) {
            picker.setWidthFull();
            picker.setMaxWidth("19rem");
            picker.getStyle().set("min-width", "0");
        }
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        minSeverity.addValueChangeListener(e -> refresh());

        count.setId("anomaly-count");
        Anchor download = new Anchor(this::download, "");
        download.setId("anomaly-download");
        download.add(VaadinIcon.DOWNLOAD.create(), new Span(" Download CSV"));
        filters.getStyle().set("flex-wrap", "wrap");
        filters.setWidthFull();
        filters.setId("anomaly-filters");
        showFilters.setId("anomaly-show-filters");
        showFilters.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        showFilters.setVisible(false);
        showFilters.addClickListener(e -> filters.setVisible(!filters.isVisible()));
        emptyState.setId("anomaly-empty");
        emptyState.addClassName("zscope-empty-state");
        grid.setEmptyStateComponent(emptyState);
        PhoneLayout.follow(this, this::phone);
        HorizontalLayout footer = new HorizontalLayout(count, download);
        footer.setAlignItems(FlexComponent.Alignment.CENTER);
        footer.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        footer.setWidthFull();
        add(showFilters, filters, grid, footer);
        updateCount();
    }

    /**
     * On a phone: one two-line column instead of seven, and the filters folded away behind a
     * button, so the first rows are on the first screen.
     */
    public void phone(boolean phone) {
        AnomalyColumns.phone(grid, phone);
        showFilters.setVisible(phone);
        filters.setVisible(!phone || filtered());
        grid.setHeight(phone ? "360px" : "420px");
    }

    /** Calls {@code listener} with the anomaly of a row the person clicks (the dashboard opens its moment). */
    public com.vaadin.flow.shared.Registration addAnomalyClickListener(
            com.vaadin.flow.function.SerializableConsumer<Anomaly> listener) {
        return grid.addItemClickListener(e -> listener.accept(e.getItem()));
    }

    /** Re-reads the grid and the count, e.g. after new anomalies arrived. */
    public void refresh() {
        grid.getDataProvider().refreshAll();
        updateCount();
    }

    private void updateCount() {
        int n = service.count(query(List.of(), UTC));
        emptyState.setText(n > 0 ? "" : filtered()
                ? "No anomalies match these filters. Widen the time range or lower the min severity."
                : "No anomalies yet. A point is listed here when its stream's detector flags it as"
                        + " unusual; each detector first learns its stream's normal behaviour (the stream"
                        + " shows Learning until then), so a new stream has none at first.");
        String text = n == 1 ? "1 anomaly" : String.format(Locale.ROOT, "%,d anomalies", n);
        count.setText(n <= listedRows ? text : text + String.format(Locale.ROOT,
                " (the grid lists the first %,d in this order: narrow the filters or reverse the sort for the"
                        + " others; the download has all)", listedRows));
    }

    private boolean filtered() {
        return from.getValue() != null || to.getValue() != null || minSeverityValue() != null;
    }

    /**
     * The min severity filter's value, or null when it is blank or not valid; a value that is not valid
     * is explained at the field and not applied.
     */
    private Double minSeverityValue() {
        String text = minSeverity.getValue();
        if (text.isBlank()) {
            minSeverity.setInvalid(false);
            return null;
        }
        Result<Double> parsed = MIN_SEVERITY.parse(text);
        minSeverity.setInvalid(parsed.isError());
        parsed.getMessage().ifPresent(m -> minSeverity.setErrorMessage(m + "; not applied"));
        return parsed.isError() ? null : parsed.getOrThrow(IllegalStateException::new);
    }

    /** The filters and the grid's sort order as a query. */
    AnomalyQuery query(List<QuerySortOrder> sort, ZoneId zone) {
        AnomalyQuery q = AnomalyQuery.all()
                .withTimeRange(instant(from.getValue(), zone), instant(to.getValue(), zone))
                .withMinSeverity(minSeverityValue());
        if (sort.isEmpty()) {
            return q;
        }
        QuerySortOrder order = sort.getFirst();
        return q.sortedBy(SortField.valueOf(order.getSorted()),
                order.getDirection() == SortDirection.ASCENDING
                        ? AnomalyQuery.Direction.ASCENDING : AnomalyQuery.Direction.DESCENDING);
    }

    private void download(DownloadEvent event) throws IOException {
        // A download is served without the session's lock; the filters are read (and a bad one
        // marked) under it, the rows are then streamed without holding it.
        java.util.concurrent.atomic.AtomicReference<AnomalyQuery> query = new java.util.concurrent.atomic.AtomicReference<>();
        event.getUI().accessSynchronously(() -> query.set(query(grid.getSortOrder().stream()
                .map(o -> new QuerySortOrder(o.getSorted().getKey(), o.getDirection())).toList(), UTC)));
        AnomalyQuery q = query.get();
        event.setFileName("anomalies.csv");
        event.setContentType("text/csv; charset=UTF-8");
        try (OutputStream out = event.getOutputStream()) {
            service.export(q, out);
        }
    }

    private static Instant instant(LocalDateTime local, ZoneId zone) {
        return local == null ? null : local.atZone(zone).toInstant();
    }

    /** For tests. */
    Grid<Anomaly> grid() {
        return grid;
    }
}
