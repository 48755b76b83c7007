package dev.zscope.alert.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import dev.zscope.alert.MaintenanceWindow;
import dev.zscope.alert.SilenceService;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;

/**
 * Recurring weekly maintenance windows: on the days chosen, from start to end (past midnight when
 * the end is earlier), in a time zone (the configured one unless another is given), alerts of the
 * matching streams are silenced.
 */
class MaintenanceWindows extends VerticalLayout {

    private final SilenceService silences;
    private final Grid<MaintenanceWindow> grid = new Grid<>();
    private final TextField name = new TextField("Name");
    private final TextField streams = new TextField("Streams");
    private final Map<DayOfWeek, Checkbox> days = new EnumMap<>(DayOfWeek.class);
    private final TimePicker start = new TimePicker("From");
    private final TimePicker end = new TimePicker("To");
    private final TextField zone = new TextField("Time zone");

    MaintenanceWindows(SilenceService silences, boolean operator) {
        this.silences = silences;
        setPadding(false);
        add(new H3("Maintenance windows"));
        if (operator) {
            name.setId("window-name");
            name.setMaxLength(100);
            streams.setId("window-streams");
            streams.setPlaceholder("* for all, or db-*");
            HorizontalLayout dayBoxes = new HorizontalLayout();
            dayBoxes.getStyle().set("flex-wrap", "wrap");
            for (DayOfWeek d : DayOfWeek.values()) {
                Checkbox box = new Checkbox(d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                box.setId("window-day-" + d.name().toLowerCase(Locale.ROOT));
                days.put(d, box);
                dayBoxes.add(box);
            }
            start.setId("window-start");
            start.setStep(Duration.ofMinutes(15));
            end.setId("window-end");
            end.setStep(Duration.ofMinutes(15));
            zone.setId("window-zone");
            zone.setPlaceholder(silences.defaultZone().getId());
            Button add = new Button("Add window", e -> add());
            add.setId("window-add");
            HorizontalLayout form = new HorizontalLayout(name, streams, start, end, zone, add);
            form.setAlignItems(FlexComponent.Alignment.BASELINE);
            form.getStyle().set("flex-wrap", "wrap");
            add(form, dayBoxes);
        }
        grid.setId("window-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(MaintenanceWindow::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(MaintenanceWindow::streams).setHeader("Streams").setAutoWidth(true);
        grid.addColumn(MaintenanceWindow::describe).setHeader("When").setAutoWidth(true);
        grid.addColumn(w -> w.openAt(java.time.Instant.now()) ? "open now" : "").setHeader("");
        grid.addColumn(MaintenanceWindow::createdBy).setHeader("By");
        if (operator) {
            grid.addComponentColumn(w -> {
                Button remove = new Button("Remove", e -> {
                    try {
                        silences.deleteWindow(w.id());
                        refresh();
                    } catch (AccessDeniedException denied) {
                        AlertText.error("Only an operator or admin can remove a window.");
                    }
                });
                remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                return remove;
            }).setKey("remove");
        }
        grid.setAllRowsVisible(true);
        add(grid);
        refresh();
    }

    private void add() {
        Set<DayOfWeek> chosen = EnumSet.noneOf(DayOfWeek.class);
        days.forEach((d, box) -> {
            if (box.getValue()) {
                chosen.add(d);
            }
        });
        try {
            LocalTime from = start.getValue();
            LocalTime to = end.getValue();
            if (from == null || to == null) {
                throw new IllegalArgumentException("choose when the window starts and ends");
            }
            ZoneId z = zone.getValue().isBlank() ? null : ZoneId.of(zone.getValue().strip());
            MaintenanceWindow w = silences.addWindow(name.getValue(), streams.getValue(), chosen, from, to, z);
            AlertText.done("Maintenance window '" + w.name() + "' added");
            name.clear();
            streams.clear();
            refresh();
        } catch (AccessDeniedException e) {
            AlertText.error("Only an operator or admin can add a window.");
        } catch (DateTimeException e) {
            AlertText.error("Not added: unknown time zone '" + zone.getValue() + "' (e.g. Europe/Berlin, UTC)");
        } catch (IllegalArgumentException e) {
            AlertText.error("Not added: " + e.getMessage());
        }
    }

    private void refresh() {
        grid.setItems(silences.windows());
    }
}
