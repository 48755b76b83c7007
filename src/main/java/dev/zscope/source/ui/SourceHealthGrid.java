package dev.zscope.source.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import dev.zscope.source.SourceHealth;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The sources' health in a compact grid: state, last poll or message, lag, streams, points and the
 * last error (times in UTC). Shared by the streams page (everyone) and the sources page (admins), so both say the
 * same thing the same way; the caller refreshes it with {@link #show}.
 */
public class SourceHealthGrid extends Grid<SourceHealth> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    public SourceHealthGrid() {
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        setSelectionMode(SelectionMode.NONE);
        addColumn(SourceHealth::name).setHeader("Source").setKey("name").setAutoWidth(true);
        addColumn(h -> h.state().name().toLowerCase(java.util.Locale.ROOT)).setHeader("State").setKey("state")
                .setAutoWidth(true);
        addColumn(h -> time(h.lastPoll())).setHeader("Last poll (UTC)").setKey("lastPoll").setAutoWidth(true);
        addColumn(h -> lag(h.lag())).setHeader("Lag").setKey("lag").setAutoWidth(true);
        addColumn(SourceHealth::streams).setHeader("Streams").setKey("streams").setAutoWidth(true);
        addColumn(SourceHealth::points).setHeader("Points").setKey("points").setAutoWidth(true);
        addColumn(h -> h.lastError() == null ? "" : time(h.lastErrorAt()) + ": " + h.lastError())
                .setHeader("Last error").setKey("lastError").setFlexGrow(1).setWidth("16em")
                .setTooltipGenerator(h -> h.lastError() == null ? null : h.lastError());
        setAllRowsVisible(true);
    }

    /** Shows these sources, replacing what was shown. */
    public void show(List<SourceHealth> health) {
        setItems(health);
    }

    static String time(Instant t) {
        return t == null ? "never" : TIME.format(t);
    }

    static String lag(Duration d) {
        if (d == null) {
            return "";
        }
        long s = d.toSeconds();
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
    }
}
