package dev.zscope.alert.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.zscope.alert.ChannelHealth;
import dev.zscope.alert.ChannelService;
import dev.zscope.alert.ChannelService.ChannelStatus;
import dev.zscope.alert.ChannelSpec;
import dev.zscope.alert.Durations;
import dev.zscope.security.Roles;
import jakarta.annotation.security.RolesAllowed;

/**
 * Where notifications go (admins only): every channel with where it delivers (URLs shown without
 * their secret parts), its timers, how it is doing (deliveries, failures, the last error), a
 * <em>Send test notification</em> button, and a form to add or change channels. Channels from
 * configuration are read-only here.
 */
@Route("channels")
@Menu(title = "Channels", order = 3.5, icon = "vaadin:paperplane")
@PageTitle("Channels · Zscope")
@RolesAllowed(Roles.ADMIN)
public class ChannelsView extends VerticalLayout {

    private final ChannelService channels;
    private final Grid<ChannelStatus> grid = new Grid<>();
    private final ChannelForm form;
    private final Span testResult = new Span();

    public ChannelsView(ChannelService channels) {
        this.channels = channels;
        this.form = new ChannelForm(channels, this::refresh);
        setSizeFull();
        grid.setId("channel-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(c -> c.spec().name()).setHeader("Name").setAutoWidth(true);
        grid.addColumn(c -> c.spec().type().label()).setHeader("Type").setAutoWidth(true);
        grid.addColumn(c -> c.spec().target()).setHeader("Delivers to").setAutoWidth(true);
        grid.addColumn(c -> timers(c.spec())).setHeader("Timers").setAutoWidth(true);
        grid.addColumn(c -> c.spec().configured() ? "configuration" : "this page").setHeader("Set in");
        grid.addColumn(c -> health(c.health())).setHeader("Health").setKey("health").setFlexGrow(3);
        grid.addComponentColumn(this::actions).setHeader("").setKey("actions").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        testResult.setId("channel-test-result");
        add(new H3("Channels"), grid, testResult, new H3("Add or change a channel"), form);
        refresh();
    }

    private HorizontalLayout actions(ChannelStatus c) {
        String name = c.spec().name();
        Button test = new Button("Send test notification", e -> test(name));
        test.setId("channel-test-" + name);
        test.addThemeVariants(ButtonVariant.LUMO_SMALL);
        HorizontalLayout row = new HorizontalLayout(test);
        if (!c.spec().configured()) {
            Button edit = new Button("Edit", e -> form.edit(c.spec()));
            edit.setId("channel-edit-" + name);
            edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            Button delete = new Button("Remove", e -> {
                try {
                    channels.delete(name);
                    refresh();
                } catch (IllegalArgumentException ex) {
                    AlertText.error(ex.getMessage());
                }
            });
            delete.setId("channel-delete-" + name);
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            row.add(edit, delete);
        }
        return row;
    }

    private void test(String name) {
        UI ui = UI.getCurrent();
        testResult.setText("Sending a test notification through " + name + "…");
        channels.test(name).whenComplete((message, failure) -> ui.access(() -> {
            testResult.setText(failure == null ? message : "Test notification failed: " + failure.getMessage());
            refresh();
        }));
    }

    private static String timers(ChannelSpec s) {
        return "wait " + Durations.text(s.groupWait()) + ", interval " + Durations.text(s.groupInterval())
                + ", repeat " + Durations.text(s.repeatInterval()) + (s.sendResolved() ? "" : ", no resolved");
    }

    static String health(ChannelHealth h) {
        if (h.unavailable() != null) {
            return "unavailable: " + h.unavailable();
        }
        String s = h.delivered() + " delivered, " + h.failures() + " failed";
        if (h.lastError() != null) {
            s += "; last error at " + AlertText.time(h.lastErrorAt()) + ": " + h.lastError();
        }
        return s;
    }

    void refresh() {
        grid.setItems(channels.channels());
    }

    /** For tests. */
    Grid<ChannelStatus> grid() {
        return grid;
    }
}
