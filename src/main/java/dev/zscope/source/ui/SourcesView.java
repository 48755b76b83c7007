package dev.zscope.source.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import dev.zscope.security.Roles;
import dev.zscope.source.SourceDefinition;
import dev.zscope.source.SourceException;
import dev.zscope.source.SourceService;
import dev.zscope.source.SourceType;
import jakarta.annotation.security.RolesAllowed;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an admin adds, changes and removes Prometheus and MQTT sources and sees how they are doing.
 * Sources from configuration are listed but changed there. The form shows only the fields of the
 * chosen type; a password is never shown back (left empty when changing a source, it is kept).
 * Health refreshes every five seconds while the page is open.
 */
@Route("sources")
@Menu(title = "Sources", order = 4, icon = "vaadin:connect")
@PageTitle("Sources · Zscope")
@RolesAllowed(Roles.ADMIN)
public class SourcesView extends VerticalLayout {

    static final int REFRESH_MS = 5_000;

    private final SourceService sources;
    private final SourceHealthGrid health = new SourceHealthGrid();
    private final Grid<SourceDefinition> definitions = new Grid<>();
    private final Select<SourceType> type = new Select<>();
    private final Map<String, TextField> fields = new LinkedHashMap<>();
    private final TextField name = new TextField("Name");
    private final PasswordField password = new PasswordField("Password");
    private Registration poll;

    public SourcesView(SourceService sources) {
        this.sources = sources;
        setSizeFull();
        health.setId("source-health");
        definitions.setId("source-definitions");
        definitions.addThemeVariants(GridVariant.LUMO_COMPACT);
        definitions.addColumn(SourceDefinition::name).setHeader("Source").setAutoWidth(true);
        definitions.addColumn(d -> d.type().label()).setHeader("Type").setAutoWidth(true);
        definitions.addColumn(SourceDefinition::safeUrl).setHeader("URL").setAutoWidth(true);
        definitions.addColumn(SourceDefinition::target).setHeader("Query or topic").setFlexGrow(1);
        definitions.addColumn(d -> d.origin() == SourceDefinition.Origin.UI ? "this page" : "configuration")
                .setHeader("Defined in").setAutoWidth(true);
        definitions.setAllRowsVisible(true);
        definitions.asSingleSelect().addValueChangeListener(e -> edit(e.getValue()));

        name.setId("source-name");
        name.setMaxLength(SourceDefinition.MAX_NAME);
        type.setId("source-type");
        type.setLabel("Type");
        type.setItems(SourceType.values());
        type.setItemLabelGenerator(SourceType::label);
        type.addValueChangeListener(e -> showFieldsOf(e.getValue()));
        field("url", "URL", "http://prometheus:9090 or tcp://broker:1883");
        field("query", "PromQL query", "rate(http_requests_total[5m])");
        field("step", "Step", "15s");
        field("lookback", "Catch-up on first start", "1h");
        field("delay", "Delay", "30s");
        field("topic", "Topic filter", "sensors/+/value");
        field("payload", "Payload", "number or json");
        field("username", "Username", "");
        password.setId("source-password");
        FormLayout form = new FormLayout(name, type);
        fields.values().forEach(form::add);
        form.add(password);
        Button save = new Button("Save", e -> save());
        save.setId("source-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button delete = new Button("Remove", e -> delete());
        delete.setId("source-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        Button clear = new Button("New", e -> edit(null));
        type.setValue(SourceType.PROMETHEUS);

        add(new H3("Sources"), health, definitions,
                new Paragraph("Select a source to change it, or fill in the form to add one."), form,
                new HorizontalLayout(save, clear, delete));
        refresh();
    }

    private void field(String key, String label, String placeholder) {
        TextField f = new TextField(label);
        f.setId("source-" + key);
        f.setPlaceholder(placeholder);
        f.setMaxLength(key.equals("query") ? 4000 : 500);
        fields.put(key, f);
    }

    private void showFieldsOf(SourceType t) {
        boolean prometheus = t == SourceType.PROMETHEUS;
        for (String k : new String[] {"query", "step", "lookback", "delay"}) {
            fields.get(k).setVisible(prometheus);
        }
        fields.get("topic").setVisible(!prometheus);
        fields.get("payload").setVisible(!prometheus);
    }

    void edit(SourceDefinition d) {
        fields.values().forEach(TextField::clear);
        password.clear();
        name.clear();
        name.setReadOnly(d != null);
        if (d == null) {
            definitions.asSingleSelect().clear();
            return;
        }
        name.setValue(d.name());
        type.setValue(d.type());
        d.fields(false).forEach((k, v) -> {
            if (fields.containsKey(k) && v != null) {
                fields.get(k).setValue(v);
            }
        });
        password.setPlaceholder(d.hasPassword() ? "unchanged" : "");
    }

    void save() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("type", type.getValue() == null ? null : type.getValue().label());
        fields.forEach((k, f) -> values.put(k, f.isVisible() ? f.getValue() : null));
        values.put("password", password.getValue());
        boolean adding = !name.isReadOnly();
        try {
            sources.save(name.getValue().strip(), values, adding);
            notify("Source '" + name.getValue().strip() + "' saved; it starts now", NotificationVariant.LUMO_SUCCESS);
            edit(null);
            refresh();
        } catch (SourceException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
    }

    void delete() {
        SourceDefinition d = definitions.asSingleSelect().getValue();
        if (d == null) {
            notify("Select the source to remove", NotificationVariant.LUMO_CONTRAST);
            return;
        }
        try {
            sources.delete(d.name());
            notify("Source '" + d.name() + "' removed; its streams and anomalies stay", NotificationVariant.LUMO_SUCCESS);
            edit(null);
            refresh();
        } catch (SourceException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
        }
    }

    void refresh() {
        health.show(sources.health());
        definitions.setItems(sources.definitions());
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(REFRESH_MS);
        poll = event.getUI().addPollListener(e -> health.show(sources.health()));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (poll != null) {
            poll.remove();
            poll = null;
        }
        event.getUI().setPollInterval(-1);
    }

    private static void notify(String text, NotificationVariant variant) {
        Notification n = Notification.show(text, 5_000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(variant);
    }
}
