package dev.zscope.settings.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.ValidationException;
import com.vaadin.flow.data.converter.Converter;
import dev.zscope.base.ui.NumberRule;
import dev.zscope.base.ui.Toasts;
import com.vaadin.flow.function.SerializableFunction;
import com.vaadin.flow.function.SerializableSupplier;
import com.vaadin.flow.component.select.Select;
import dev.zscope.detection.StreamHints;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.settings.SettingsService;
import dev.zscope.settings.ZscopeSettings;

/**
 * Edits the run-time settings. Every field is validated with a message that says what is allowed;
 * only a complete, valid set is handed to the {@link SettingsService}, which applies it to the
 * shared engine at once and tells every open form. Viewers see the same form read-only; a save is
 * checked against the role again, because a read-only field in the browser is no security.
 */
public class SettingsForm extends VerticalLayout {

    private final SettingsService service;
    private final boolean admin;
    private final Binder<SettingsFormValues> binder = new Binder<>(SettingsFormValues.class);
    private final DetectorPicker detector = new DetectorPicker("settings");
    private final SerializableFunction<DetectorChoice, String> preview;
    private final SerializableSupplier<String> stream;
    private final Select<Scope> scope = new Select<>();
    private final HintsFields hints = new HintsFields();

    /** Whether a detector choice is the default or one stream's own. */
    enum Scope { ALL, STREAM }
    private final Span previewResult = new Span();
    private final java.util.List<Runnable> previewStale = new java.util.ArrayList<>();
    private SettingsService.Listening settingsListener;

    /**
     * @param preview runs candidate detector settings over the recent history and says what they
     *                would have raised (the dashboard also marks those points on its chart)
     */
    public SettingsForm(SettingsService service, boolean admin,
                        SerializableFunction<DetectorChoice, String> preview,
                        SerializableSupplier<String> stream) {
        this.service = service;
        this.admin = admin;
        this.preview = preview;
        this.stream = stream;
        scope.setLabel("Apply the detector to");
        scope.setId("settings-scope");
        scope.setItems(Scope.values());
        scope.setItemLabelGenerator(sc -> sc == Scope.ALL ? "all streams (the default)" : "this stream only");
        setPadding(false);
        setSpacing(false);
        TextField update = bindInt(NumberRule.whole("Update interval (ms)", ZscopeSettings.MIN_UPDATE_MS,
                ZscopeSettings.MAX_UPDATE_MS), "update", "updateIntervalMs",
                "how often the simulated stream produces a point");
        TextField push = bindInt(NumberRule.whole("Browser push interval (ms)", ZscopeSettings.MIN_PUSH_MS,
                ZscopeSettings.MAX_PUSH_MS), "push", "pushIntervalMs", "how often this page is updated");
        FormLayout intervals = form(update, push);
        FormLayout simulator = form(
                bindDouble(NumberRule.number("Level", -1e12, 1e12), "level", "level", "the centre line"),
                bindDouble(NumberRule.number("Amplitude", 0, 1e12), "amplitude", "amplitude", "height of the wave"),
                bindInt(NumberRule.whole("Period (points)", 2, 10_000_000), "period", "periodPoints",
                        "points per wave"),
                bindDouble(NumberRule.number("Noise (σ)", 0, 1e12), "noise", "noise", "spread of the noise"),
                bindDouble(NumberRule.number("Spike rate", 0, 1), "spike-rate", "spikeRate",
                        "share of points that are spikes"),
                bindDouble(NumberRule.number("Spike size", 0, 1e12), "spike-size", "spikeMagnitude",
                        "how far a spike lands"),
                bindDouble(NumberRule.number("Level-shift rate", 0, 1), "shift-rate", "shiftRate",
                        "share of points that start a level shift"),
                bindDouble(NumberRule.number("Level-shift size", 0, 1e12), "shift-size", "shiftMagnitude",
                        "size of a level shift"),
                bindSeed());

        add(new H4("Detection"), detector, scope, hints, intervals, new H4("Simulated stream"), simulator);
        if (admin) {
            Button apply = new Button("Apply", e -> apply());
            apply.setId("settings-apply");
            apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Button revert = new Button("Revert", e -> {
                show(service.current());
                stalePreview();
            });
            revert.setId("settings-revert");
            Button tryIt = new Button("Preview on history", e -> preview());
            tryIt.setId("settings-preview");
            previewResult.setId("settings-preview-result");
            previewResult.getStyle().set("font-size", "var(--lumo-font-size-s)");
            HorizontalLayout actions = new HorizontalLayout(apply, tryIt, revert);
            actions.getStyle().set("flex-wrap", "wrap");
            add(actions, previewResult);
        } else {
            binder.setReadOnly(true);
            detector.setReadOnly(true);
            hints.setReadOnly(true);
            scope.setReadOnly(true);
            Span note = new Span("Read-only: only an admin can change settings.");
            note.setId("settings-read-only");
            note.getStyle().set("color", "var(--lumo-secondary-text-color)");
            add(note);
        }
        detector.addEditListener(this::stalePreview);
        scope.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                stalePreview();
            }
        });
        show(service.current());
    }

    /**
     * Calls {@code listener} when a preview no longer shows what the form holds: after Apply, Revert,
     * or a change of the detector or its settings (the dashboard then clears its preview markers).
     */
    public void addPreviewStaleListener(Runnable listener) {
        previewStale.add(listener);
    }

    private void stalePreview() {
        previewResult.setText("");
        previewStale.forEach(Runnable::run);
    }

    /** Shows the settings in force, with the detector of the stream the page shows. */
    public void show(ZscopeSettings s) {
        binder.readRecord(SettingsFormValues.of(s));
        DetectorChoice own = service.streamDetector(stream.get());
        detector.setValue(own != null ? own : s.detection());
        scope.setValue(own != null ? Scope.STREAM : Scope.ALL);
        StreamHints streamHints = service.streamHints(stream.get());
        hints.setVisible(streamHints != null);
        hints.setValue(streamHints != null ? streamHints : StreamHints.none());
    }

    /** Validates and applies the form; returns whether the settings were applied. */
    boolean apply() {
        if (!admin) {
            error("Only an admin can change settings.");
            return false;
        }
        ZscopeSettings next;
        DetectorChoice own;
        StreamHints streamHints;
        try {
            streamHints = hints.isVisible() ? hints.getValue() : null;
            DetectorChoice choice = detector.getValue();
            boolean forStream = scope.getValue() == Scope.STREAM;
            next = binder.writeRecord().toSettings(forStream ? service.current().detection() : choice);
            own = forStream ? choice : null;
        } catch (ValidationException e) {
            error("Nothing was applied: " + e.getFieldValidationErrors().size() + " "
                    + (e.getFieldValidationErrors().size() == 1 ? "field says" : "fields say") + " why.");
            return false;
        } catch (IllegalArgumentException e) {
            error("Not applied: " + e.getMessage());
            return false;
        }
        service.update(next, stream.get(), own, streamHints);
        stalePreview();
        Toasts.success("Settings applied");
        return true;
    }

    /**
     * Shows what the detection settings in the form would have raised over the recent history,
     * without applying anything; returns false when the fields are invalid.
     */
    boolean preview() {
        try {
            previewResult.setText(preview.apply(detector.getValue()));
            return true;
        } catch (IllegalArgumentException e) {
            previewResult.setText("Fix the highlighted fields to preview.");
            return false;
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        var ui = event.getUI();
        settingsListener = service.addListener(s -> ui.access(() -> show(s)));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        super.onDetach(event);
        if (settingsListener != null) {
            settingsListener.close();
            settingsListener = null;
        }
    }

    private TextField bindInt(NumberRule rule, String id, String property, String help) {
        TextField field = field(rule, id, help);
        binder.forField(field)
                .withConverter(Converter.<String, Integer>from(t -> rule.parse(t).map(Double::intValue),
                        v -> v == null ? "" : Integer.toString(v)))
                .bind(property);
        return field;
    }

    private TextField bindDouble(NumberRule rule, String id, String property, String help) {
        TextField field = field(rule, id, help);
        binder.forField(field)
                .withConverter(Converter.<String, Double>from(rule::parse, v -> v == null ? "" : NumberRule.plain(v)))
                .bind(property);
        return field;
    }

    /** The seed keeps every digit of a long: beyond its range is refused, not clamped. */
    private TextField bindSeed() {
        NumberRule rule = NumberRule.whole("Seed", Long.MIN_VALUE, Long.MAX_VALUE);
        TextField field = field(rule, "seed", "the same seed gives the same stream");
        binder.forField(field)
                .withConverter(Converter.<String, Long>from(rule::parseLong, v -> v == null ? "" : Long.toString(v)))
                .bind("seed");
        return field;
    }

    private static TextField field(NumberRule rule, String id, String help) {
        TextField f = rule.field("settings-" + id);
        f.setHelperText(help + "; " + rule.range());
        return f;
    }

    private static FormLayout form(Component... fields) {
        FormLayout f = new FormLayout(fields);
        f.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("260px", 2));
        return f;
    }

    private static void error(String message) {
        Toasts.error(message);
    }
}
