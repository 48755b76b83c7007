package dev.zscope.replay.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.server.streams.DownloadEvent;
import dev.zscope.base.ui.PhoneLayout;
import dev.zscope.replay.BacktestResult;
import dev.zscope.replay.BacktestRow;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A backtest's rows to act on: every row the detector flagged and, in a labelled file, every
 * labelled row it missed, listed (the first {@code BacktestRows.LISTED}) and downloadable as CSV
 * (all of them). The times are the file's, in UTC.
 */
final class BacktestResults extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String COMPACT = "compact";

    private final Grid<BacktestRow> grid = new Grid<>();
    private final Span count = new Span();
    private final Anchor download = new Anchor(this::download, "");
    private Path file;

    BacktestResults() {
        setPadding(false);
        setSpacing(false);
        setVisible(false);
        grid.setId("backtest-rows");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(BacktestRow::line).setHeader("Line").setWidth("5rem").setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(r -> TIME.format(Instant.ofEpochMilli(r.epochMillis()))).setHeader("Time (UTC)")
                .setWidth("11.5rem").setFlexGrow(0);
        grid.addColumn(r -> num(r.value())).setHeader("Value").setWidth("6.5rem").setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(r -> severity(r.severity())).setHeader("Severity").setWidth("6.5rem").setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END).setTooltipGenerator(r -> "score " + num(r.score()));
        grid.addColumn(r -> num(r.expected())).setHeader("Expected").setWidth("6.5rem").setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(r -> num(r.lower()) + " … " + num(r.upper())).setHeader("Normal band").setWidth("9rem")
                .setFlexGrow(0);
        grid.addColumn(BacktestRow::outcome).setHeader("Outcome").setKey("outcome").setWidth("10rem").setFlexGrow(1);
        grid.addColumn(LitRenderer.<BacktestRow>of("<div class='zscope-compact-row'><strong>${item.head}</strong>"
                                + "<span>${item.detail}</span></div>")
                        .withProperty("head", r -> "line " + r.line() + " · " + r.outcome())
                        .withProperty("detail", r -> TIME.format(Instant.ofEpochMilli(r.epochMillis())) + " UTC · value "
                                + num(r.value()) + " · expected " + num(r.expected()) + " · severity "
                                + severity(r.severity())))
                .setHeader("Row").setKey(COMPACT).setVisible(false);
        grid.setHeight("320px");
        count.setId("backtest-row-count");
        download.setId("backtest-download");
        download.add(VaadinIcon.DOWNLOAD.create(), new Span(" Download CSV"));
        HorizontalLayout footer = new HorizontalLayout(count, download);
        footer.setWidthFull();
        footer.setAlignItems(FlexComponent.Alignment.CENTER);
        footer.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        footer.getStyle().set("flex-wrap", "wrap");
        add(grid, footer);
        PhoneLayout.follow(this, phone -> grid.getColumns().forEach(c -> c.setVisible(phone == COMPACT.equals(c.getKey()))));
    }

    /** Shows a result's rows; the previous result's file is deleted. */
    void show(BacktestResult r) {
        discard();
        file = r.rowsFile();
        List<BacktestRow> rows = r.listed();
        grid.setItems(rows);
        String what = r.labels() == null ? "flagged" : "flagged or missed";
        count.setText(r.rowCount() == 0 ? "No row was " + what + "."
                : r.rowCount() > rows.size()
                ? String.format(Locale.ROOT, "%,d rows %s; the list shows the first %,d, the CSV has all.",
                        r.rowCount(), what, rows.size())
                : String.format(Locale.ROOT, "%,d %s %s.", r.rowCount(), r.rowCount() == 1 ? "row" : "rows", what));
        download.setEnabled(file != null && r.rowCount() > 0);
        download.setVisible(file != null);
        setVisible(true);
    }

    /** Hides the rows and deletes their file. */
    void discard() {
        setVisible(false);
        grid.setItems(List.of());
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans its temp folder
            }
            file = null;
        }
    }

    private void download(DownloadEvent event) throws IOException {
        Path current = file;
        event.setFileName("backtest-rows.csv");
        event.setContentType("text/csv; charset=UTF-8");
        try (OutputStream out = event.getOutputStream()) {
            if (current != null && Files.exists(current)) {
                Files.copy(current, out);
            }
        }
    }

    /** Five decimals, as the anomaly grid shows a severity. */
    private static String severity(double s) {
        return Double.isNaN(s) ? "–" : String.format(Locale.ROOT, "%.5f", Math.floor(s * 1e5) / 1e5);
    }

    private static String num(double d) {
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.4g", d);
    }

    /** For tests. */
    Grid<BacktestRow> grid() {
        return grid;
    }

    /** For tests. */
    Path file() {
        return file;
    }
}
