package dev.zscope.settings.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.ValidationException;
import com.vaadin.flow.data.converter.StringToLongConverter;
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
        IntegerField update = bindInt(integer("Update interval (ms)", "update"), "updateIntervalMs",
                ZscopeSettings.MIN_UPDATE_MS, ZscopeSettings.MAX_UPDATE_MS);
        update.setHelperText("How often the simulated stream produces a point");
        IntegerField push = bindInt(integer("Browser push interval (ms)", "push"), "pushIntervalMs",
                ZscopeSettings.MIN_PUSH_MS, ZscopeSettings.MAX_PUSH_MS);
        push.setHelperText("How often this page is updated");

        TextField seed = new TextField("Seed");
        seed.setId("settings-seed");
        binder.forField(seed).asRequired("Enter a seed")
                .withConverter(new StringToLongConverter("Seed must be a whole number"))
                .bind("seed");
        FormLayout intervals = form(update, push);
        FormLayout simulator = form(
                bindDouble(decimal("Level", "level"), "level", -1e12, 1e12),
                bindDouble(decimal("Amplitude", "amplitude"), "amplitude", 0, 1e12),
                bindInt(integer("Period (points)", "period"), "periodPoints", 2, 10_000_000),
                bindDouble(decimal("Noise (σ)", "noise"), "noise", 0, 1e12),
                bindDouble(decimal("Spike rate (0–1)", "spike-rate"), "spikeRate", 0, 1),
                bindDouble(decimal("Spike size", "spike-size"), "spikeMagnitude", 0, 1e12),
                bindDouble(decimal("Level-shift rate (0–1)", "shift-rate"), "shiftRate", 0, 1),
                bindDouble(decimal("Level-shift size", "shift-size"), "shiftMagnitude", 0, 1e12),
                seed);

        add(new H4("Detection"), detector, scope, hints, intervals, new H4("Simulated stream"), simulator);
        if (admin) {
            Button apply = new Button("Apply", e -> apply());
            apply.setId("settings-apply");
            apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Button revert = new Button("Revert", e -> show(service.current()));
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
        show(service.current());
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
            error("Fix the highlighted fields; nothing was changed.");
            return false;
        } catch (IllegalArgumentException e) {
            error("Not applied: " + e.getMessage());
            return false;
        }
        service.update(next, stream.get(), own, streamHints);
        Notification.show("Settings applied", 2500, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
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

    private IntegerField bindInt(IntegerField field, String property, int min, int max) {
        binder.forField(field).asRequired("Enter a value")
                .withValidator(v -> v >= min && v <= max, "Must be between " + min + " and " + max)
                .bind(property);
        return field;
    }

    private NumberField bindDouble(NumberField field, String property, double min, double max) {
        binder.forField(field).asRequired("Enter a value")
                .withValidator(v -> v >= min && v <= max, "Must be between " + plain(min) + " and " + plain(max))
                .bind(property);
        return field;
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static IntegerField integer(String label, String id) {
        IntegerField f = new IntegerField(label);
        f.setId("settings-" + id);
        return f;
    }

    private static NumberField decimal(String label, String id) {
        NumberField f = new NumberField(label);
        f.setId("settings-" + id);
        return f;
    }

    private static FormLayout form(Component... fields) {
        FormLayout f = new FormLayout(fields);
        f.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("260px", 2));
        return f;
    }

    private static void error(String message) {
        Notification.show(message, 4000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
