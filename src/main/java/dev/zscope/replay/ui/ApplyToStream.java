package dev.zscope.replay.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.QueryParameters;
import dev.zscope.base.ui.Toasts;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.StreamStatus;
import dev.zscope.settings.SettingsService;

/**
 * "Apply these settings to stream …": after a backtest an admin gives a live stream the detector
 * and settings that were just tried, as that stream's own (the settings form shows it, and can
 * return the stream to the default). The settings are those of the run shown, not whatever the
 * fields say since.
 */
final class ApplyToStream extends HorizontalLayout {

    private final SettingsService settings;
    private final DetectionEngine engine;
    private final Select<String> stream = new Select<>();
    private final Button apply = new Button("Apply these settings to the stream");
    private final Anchor open = new Anchor();
    private DetectorChoice tried;

    ApplyToStream(SettingsService settings, DetectionEngine engine) {
        this.settings = settings;
        this.engine = engine;
        setId("backtest-apply-row");
        setAlignItems(Alignment.BASELINE);
        getStyle().set("flex-wrap", "wrap");
        stream.setId("backtest-apply-stream");
        stream.setLabel("Stream");
        stream.setPlaceholder("Choose a stream");
        apply.setId("backtest-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.addClickListener(e -> apply());
        open.setId("backtest-apply-open");
        open.setVisible(false);
        add(stream, apply, open);
        setVisible(false);
    }

    /** Offers the settings of the run just shown. */
    void offer(DetectorChoice choice) {
        tried = choice;
        String chosen = stream.getValue();
        var names = engine.statuses().stream().map(StreamStatus::stream).toList();
        stream.setItems(names);
        stream.setValue(names.contains(chosen) ? chosen : null);
        stream.setInvalid(false);
        open.setVisible(false);
        setVisible(tried != null);
    }

    /** "zscore (threshold=4, window=50)", or "art (its defaults)". */
    static String describe(DetectorChoice c) {
        return c.detector() + (c.settings().isEmpty() ? " (its defaults)" : " " + c.settings().toString()
                .replace('{', '(').replace('}', ')'));
    }

    void apply() {
        String name = stream.getValue();
        if (name == null) {
            stream.setErrorMessage("Stream must be chosen: which stream gets these settings?");
            stream.setInvalid(true);
            return;
        }
        try {
            settings.applyToStream(name, tried);
        } catch (IllegalArgumentException e) {
            stream.setErrorMessage("Not applied: " + e.getMessage());
            stream.setInvalid(true);
            return;
        }
        stream.setInvalid(false);
        Toasts.success(name + " now runs " + describe(tried));
        open.setHref("./?" + QueryParameters.of("stream", name).getQueryString());
        open.setText("Open " + name);
        open.setVisible(true);
    }
}
