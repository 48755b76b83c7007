package dev.zscope.alert.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.zscope.alert.AlertProperties;
import dev.zscope.alert.ChannelService;
import dev.zscope.alert.ChannelSpec;
import dev.zscope.alert.ChannelType;
import dev.zscope.alert.Durations;
import java.util.Arrays;
import java.util.List;

/**
 * Adds a channel or changes one made here. The URL of an existing channel is never sent to the
 * browser (it may be a secret): left empty while editing, the channel keeps its URL.
 */
class ChannelForm extends VerticalLayout {

    private final ChannelService channels;
    private final Runnable saved;
    private final TextField name = new TextField("Name");
    private final Select<ChannelType> type = new Select<>();
    private final TextField url = new TextField("URL");
    private final TextField to = new TextField("To (e-mail, comma-separated)");
    private final TextField from = new TextField("From (e-mail)");
    private final TextField groupWait = new TextField("Group wait");
    private final TextField groupInterval = new TextField("Group interval");
    private final TextField repeatInterval = new TextField("Repeat interval");
    private final Checkbox sendResolved = new Checkbox("Send resolved notifications", true);
    private ChannelSpec editing;

    ChannelForm(ChannelService channels, Runnable saved) {
        this.channels = channels;
        this.saved = saved;
        setPadding(false);
        name.setId("channel-name");
        name.setMaxLength(64);
        type.setId("channel-type");
        type.setLabel("Type");
        type.setItems(ChannelType.values());
        type.setItemLabelGenerator(t -> switch (t) {
            case WEBHOOK -> "webhook (Alertmanager's payload)";
            case SLACK -> "Slack / Mattermost";
            case EMAIL -> "e-mail";
            case ALERTMANAGER -> "Prometheus Alertmanager";
        });
        type.addValueChangeListener(e -> fit());
        url.setId("channel-url");
        url.setMaxLength(2000);
        to.setId("channel-to");
        from.setId("channel-from");
        groupWait.setId("channel-group-wait");
        groupInterval.setId("channel-group-interval");
        repeatInterval.setId("channel-repeat-interval");
        sendResolved.setId("channel-send-resolved");
        Button save = new Button("Save channel", e -> save());
        save.setId("channel-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button clear = new Button("Clear", e -> clear());
        clear.setId("channel-clear");
        FormLayout fields = new FormLayout(name, type, url, to, from, groupWait, groupInterval, repeatInterval,
                sendResolved);
        fields.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 3));
        fields.setColspan(url, 2);
        add(fields, new HorizontalLayout(save, clear));
        clear();
    }

    /** Fills the form with a channel made here; its URL stays on the server. */
    void edit(ChannelSpec spec) {
        editing = spec;
        name.setValue(spec.name());
        name.setReadOnly(true);
        type.setValue(spec.type());
        url.clear();
        url.setHelperText(spec.type().usesUrl() ? "Leave empty to keep " + spec.target() : null);
        to.setValue(String.join(", ", spec.to()));
        from.setValue(spec.from() == null ? "" : spec.from());
        groupWait.setValue(Durations.text(spec.groupWait()));
        groupInterval.setValue(Durations.text(spec.groupInterval()));
        repeatInterval.setValue(Durations.text(spec.repeatInterval()));
        sendResolved.setValue(spec.sendResolved());
    }

    void clear() {
        AlertProperties d = channels.defaults();
        editing = null;
        name.clear();
        name.setReadOnly(false);
        type.setValue(ChannelType.WEBHOOK);
        url.clear();
        url.setHelperText(null);
        to.clear();
        from.clear();
        groupWait.setValue(Durations.text(d.groupWait()));
        groupInterval.setValue(Durations.text(d.groupInterval()));
        repeatInterval.setValue(Durations.text(d.repeatInterval()));
        sendResolved.setValue(true);
    }

    private void fit() {
        ChannelType t = type.getValue();
        boolean mail = t == ChannelType.EMAIL;
        url.setVisible(!mail);
        to.setVisible(mail);
        from.setVisible(mail);
        url.setPlaceholder(t == ChannelType.ALERTMANAGER ? "http://alertmanager:9093" : "https://…");
    }

    private void save() {
        try {
            String address = url.getValue().isBlank() && editing != null ? editing.url() : url.getValue();
            List<String> recipients = Arrays.stream(to.getValue().split(",")).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
            ChannelSpec spec = new ChannelSpec(name.getValue().strip(), type.getValue(),
                    type.getValue() == ChannelType.EMAIL ? null : address, recipients, from.getValue(),
                    sendResolved.getValue(), Durations.parse(groupWait.getValue()),
                    Durations.parse(groupInterval.getValue()), Durations.parse(repeatInterval.getValue()), false);
            channels.save(spec);
            AlertText.done("Channel " + spec.name() + " saved");
            clear();
            saved.run();
        } catch (org.springframework.security.access.AccessDeniedException e) {
            AlertText.error("Only an admin can change channels.");
        } catch (IllegalArgumentException e) {
            AlertText.error("Not saved: " + e.getMessage());
        }
    }
}
