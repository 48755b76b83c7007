package dev.zscope.dashboard.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.function.SerializableSupplier;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;

/**
 * The chart's time controls: the last 15 minutes, hour, day or week (live), a custom range (in UTC,
 * like every time on the dashboard), earlier / later / zoom out, and a live button that follows new
 * points again after a zoom. It only proposes ranges; the dashboard loads them, and places the
 * bar's custom-range fields and its description ({@link #customRow}, {@link #label}).
 */
class TimeBar extends Div {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Map<TimeRange.Preset, Button> presets = new EnumMap<>(TimeRange.Preset.class);
    private final Button custom = button("Custom…", "range-custom");
    private final Button live = button("Live", "live-toggle");
    private final DateTimePicker from = new DateTimePicker("From (UTC)");
    private final DateTimePicker to = new DateTimePicker("To (UTC)");
    private final HorizontalLayout customRow = new HorizontalLayout();
    private final Span label = new Span();
    private final SerializableSupplier<Long> now;
    private TimeRange.Preset lastPreset = TimeRange.Preset.LAST_15_MIN;
    private TimeRange shown = TimeRange.DEFAULT;

    TimeBar(SerializableSupplier<Long> now, SerializableConsumer<TimeRange> choose) {
        this.now = now;
        addClassName("zscope-time-bar");
        Div buttons = this;
        for (TimeRange.Preset p : TimeRange.Preset.values()) {
            Button b = button(p.label, "range-" + p.key);
            b.setTooltipText("The last " + p.label + ", following new points");
            b.addClickListener(e -> choose.accept(TimeRange.last(p)));
            presets.put(p, b);
            buttons.add(b);
        }
        custom.addClickListener(e -> {
            customRow.setVisible(!customRow.isVisible());
            from.setValue(local(shown.start(now.get())));
            to.setValue(local(shown.end(now.get())));
        });
        Button earlier = icon(VaadinIcon.ANGLE_LEFT, "pan-earlier", "Earlier: move back by half the range");
        earlier.addClickListener(e -> choose.accept(shown.shifted(now.get(), -0.5)));
        Button later = icon(VaadinIcon.ANGLE_RIGHT, "pan-later", "Later: move forward by half the range");
        later.addClickListener(e -> choose.accept(shown.shifted(now.get(), 0.5)));
        Button out = icon(VaadinIcon.SEARCH_MINUS, "zoom-out", "Zoom out: twice the range (drag across the chart to zoom in)");
        out.addClickListener(e -> choose.accept(shown.zoomedOut(now.get())));
        live.setIcon(VaadinIcon.CIRCLE.create());
        live.setTooltipText("Follow new points");
        live.addClickListener(e -> choose.accept(TimeRange.last(lastPreset)));
        buttons.add(custom, earlier, later, out, live);

        from.setId("range-from");
        to.setId("range-to");
        Button apply = new Button("Show", e -> {
            if (from.getValue() != null && to.getValue() != null && from.getValue().isBefore(to.getValue())) {
                customRow.setVisible(false);
                choose.accept(TimeRange.between(millis(from.getValue()), millis(to.getValue())));
            } else {
                to.setInvalid(true);
                to.setErrorMessage("Choose a 'To' after the 'From'");
            }
        });
        apply.setId("range-apply");
        customRow.add(from, to, apply);
        customRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        customRow.getStyle().set("flex-wrap", "wrap");
        customRow.setVisible(false);
        label.setId("range-label");
        label.addClassName("zscope-range-label");
        label.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
    }

    /** The custom range's fields, shown under the bar while "Custom…" is open. */
    HorizontalLayout customRow() {
        return customRow;
    }

    /** What the range in force is, in words (hidden on a phone). */
    Span label() {
        return label;
    }

    /** Shows {@code range} as the one in force. */
    void show(TimeRange range) {
        shown = range;
        if (range.preset() != null) {
            lastPreset = range.preset();
        }
        presets.forEach((p, b) -> selected(b, p == range.preset()));
        selected(custom, false);
        selected(live, range.live());
        live.setText(range.live() ? "Live" : "Go live");
        long n = now.get();
        label.setText(range.live()
                ? "Last " + range.preset().label + ", following new points · times in UTC"
                : SHOWN.format(Instant.ofEpochMilli(range.start(n))) + " – " + SHOWN.format(Instant.ofEpochMilli(range.end(n)))
                        + " UTC");
    }

    /** A problem with the range asked for (in the address), shown where the range is. */
    void problem(String text) {
        label.setText(text);
    }

    private static void selected(Button b, boolean on) {
        b.removeThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_TERTIARY);
        b.addThemeVariants(on ? ButtonVariant.LUMO_PRIMARY : ButtonVariant.LUMO_TERTIARY);
        b.getElement().setAttribute("aria-pressed", Boolean.toString(on));
    }

    private static Button button(String text, String id) {
        Button b = new Button(text);
        b.setId(id);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return b;
    }

    private static Button icon(VaadinIcon icon, String id, String tooltip) {
        Button b = new Button(icon.create());
        b.setId(id);
        b.setAriaLabel(tooltip);
        b.setTooltipText(tooltip);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return b;
    }

    private static LocalDateTime local(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC).withNano(0);
    }

    private static long millis(LocalDateTime utc) {
        return utc.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
