package dev.zscope.settings.ui;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.zscope.detection.DetectorKind;
import dev.zscope.detection.Setting;
import dev.zscope.detection.SettingException;
import dev.zscope.detection.StreamHints;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.detection.catalog.Detectors;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chooses a detector and its settings: a list of the detectors Zscope offers, and one field per
 * setting of the chosen one, showing the value in force, with its default as placeholder and its
 * range as help. A value is only handed out after the detector accepted it ({@link DetectorChoice}
 * validates); otherwise each rejected setting's message is shown at its own field. Hints (a
 * stream's range and time scale) are not detector settings here: they belong to a stream
 * ({@link HintsFields}) or to a file (the backtest's "use the file's range and length").
 */
public class DetectorPicker extends VerticalLayout {

    private static final java.util.Set<String> HINT_KEYS = java.util.Set.of(StreamHints.MIN, StreamHints.MAX,
            StreamHints.PERIOD);

    private final Select<String> kind = new Select<>();
    private final FormLayout fields = new FormLayout();
    private final Map<String, TextField> byKey = new LinkedHashMap<>();
    private final Span error = new Span();
    private final String idPrefix;
    private boolean readOnly;

    public DetectorPicker(String idPrefix) {
        this.idPrefix = idPrefix;
        setPadding(false);
        setSpacing(false);
        kind.setLabel("Detector");
        kind.setId(idPrefix + "-detector");
        kind.setItems(Detectors.kinds().stream().map(DetectorKind::name).toList());
        kind.setItemLabelGenerator(name -> name + " — " + Detectors.kind(name).summary());
        kind.addValueChangeListener(e -> {
            if (e.isFromClient() || e.getOldValue() != null) {
                showFields(e.getValue(), Map.of());
            }
        });
        kind.setWidthFull();
        fields.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("260px", 2));
        error.setId(idPrefix + "-detector-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)").set("font-size", "var(--lumo-font-size-s)");
        add(kind, fields, error);
    }

    /** Shows a choice. */
    public void setValue(DetectorChoice choice) {
        kind.setValue(choice.detector());
        showFields(choice.detector(), choice.settings());
    }

    /**
     * The choice in the fields, or throws IllegalArgumentException with the detector's message
     * (also shown under the fields).
     */
    public DetectorChoice getValue() {
        byKey.values().forEach(f -> f.setInvalid(false));
        error.setText("");
        if (kind.getValue() == null) {
            throw fail("Choose a detector", null);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        byKey.forEach((key, field) -> {
            if (!field.getValue().isBlank()) {
                settings.put(key, field.getValue().trim());
            }
        });
        try {
            return new DetectorChoice(kind.getValue(), settings);
        } catch (SettingException e) {
            e.problems().forEach(p -> {
                TextField field = byKey.get(p.key());
                if (field != null) {
                    field.setInvalid(true);
                    field.setErrorMessage(p.message());
                }
            });
            throw fail(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage(), e);
        }
    }

    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
        kind.setReadOnly(readOnly);
        byKey.values().forEach(f -> f.setReadOnly(readOnly));
    }

    private IllegalArgumentException fail(String message, IllegalArgumentException cause) {
        error.setText(message);
        return new IllegalArgumentException(message, cause);
    }

    private void showFields(String name, Map<String, String> values) {
        fields.removeAll();
        byKey.clear();
        error.setText("");
        if (name == null) {
            return;
        }
        for (Setting setting : Detectors.kind(name).settings()) {
            if (HINT_KEYS.contains(setting.key())) {
                continue;
            }
            TextField f = new TextField(setting.key());
            f.setId(idPrefix + "-param-" + setting.key());
            f.setPlaceholder(setting.defaultText());
            f.setHelperText(setting.help() + "; " + setting.range());
            f.setValue(values.getOrDefault(setting.key(), setting.defaultText()));
            f.setReadOnly(readOnly);
            byKey.put(setting.key(), f);
            fields.add(f);
        }
    }
}
