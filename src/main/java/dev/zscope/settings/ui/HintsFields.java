package dev.zscope.settings.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import dev.zscope.detection.StreamHints;

/**
 * A stream's hints in the settings form: the value range it is expected to keep and its time scale
 * in points, all optional (blank = not given). Each refused value is explained at its own field.
 */
class HintsFields extends VerticalLayout {

    private final NumberField min = new NumberField("Lowest value expected");
    private final NumberField max = new NumberField("Highest value expected");
    private final IntegerField period = new IntegerField("Time scale (points)");

    HintsFields() {
        setPadding(false);
        setSpacing(false);
        min.setId("settings-hint-min");
        max.setId("settings-hint-max");
        period.setId("settings-hint-period");
        min.setHelperText("Blank: learned from the stream");
        max.setHelperText("Blank: learned from the stream");
        period.setHelperText("Points in a typical period or horizon, e.g. 1440 for a day of minutes; blank: none");
        period.setMin(1);
        Span why = new Span("What you know of this stream in advance. The default detector uses it as NAB's"
                + " detectors use a file's range and length; other detectors ignore it.");
        why.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        FormLayout fields = new FormLayout(min, max, period);
        fields.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("260px", 3));
        add(new H4("Hints for this stream"), why, fields);
    }

    void setValue(StreamHints hints) {
        min.setValue(Double.isFinite(hints.min()) ? hints.min() : null);
        max.setValue(Double.isFinite(hints.max()) ? hints.max() : null);
        period.setValue(hints.hasPeriod() ? (int) hints.period() : null);
        min.setInvalid(false);
        max.setInvalid(false);
        period.setInvalid(false);
    }

    /** The hints in the fields, or throws IllegalArgumentException after marking the field at fault. */
    StreamHints getValue() {
        min.setInvalid(false);
        max.setInvalid(false);
        period.setInvalid(false);
        if (isBadNumber(min)) {
            throw refuse(min, "Enter a number, or leave it blank");
        }
        if (isBadNumber(max)) {
            throw refuse(max, "Enter a number, or leave it blank");
        }
        if (period.getValue() != null && period.getValue() < 1) {
            throw refuse(period, "Enter a whole number of points of at least 1, or leave it blank");
        }
        double lo = min.getValue() == null ? Double.NaN : min.getValue();
        double hi = max.getValue() == null ? Double.NaN : max.getValue();
        if (Double.isFinite(lo) && Double.isFinite(hi) && hi < lo) {
            throw refuse(max, "The highest value must be at least the lowest (" + lo + ")");
        }
        return new StreamHints(lo, hi, period.getValue() == null ? 0 : period.getValue());
    }

    void setReadOnly(boolean readOnly) {
        min.setReadOnly(readOnly);
        max.setReadOnly(readOnly);
        period.setReadOnly(readOnly);
    }

    /** A field holding text that is not a number (the browser reports it as empty but invalid). */
    private static boolean isBadNumber(NumberField field) {
        return field.getValue() == null && !field.isEmpty()
                || field.getValue() != null && !Double.isFinite(field.getValue());
    }

    private static IllegalArgumentException refuse(HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
        return new IllegalArgumentException(message);
    }
}
