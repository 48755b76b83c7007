package dev.zscope.alert.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.zscope.alert.Silence;
import dev.zscope.alert.SilenceMatcher;
import dev.zscope.alert.SilenceService;
import dev.zscope.security.CurrentUser;
import dev.zscope.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;

/**
 * Silences and maintenance windows. Silenced alerts are kept and shown (flagged), never sent. A
 * silence matches stream names exactly or by glob ({@code db-*}); the API also takes Alertmanager's
 * regular expressions. Operators add and end them; everyone sees them.
 */
@Route("silences")
@Menu(title = "Silences", order = 1.4, icon = "vaadin:bell-slash")
@PageTitle("Silences · Zscope")
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class SilencesView extends VerticalLayout {

    private final SilenceService silences;
    private final boolean operator;
    private final Grid<Silence> grid = new Grid<>();
    private final TextField streams = new TextField("Streams");
    private final Select<AlertActions.Length> length = new Select<>();
    private final TextField comment = new TextField("Comment");

    public SilencesView(SilenceService silences, CurrentUser user) {
        this.silences = silences;
        this.operator = user.isOperator();
        setSizeFull();
        add(new H3("Silences"));
        if (operator) {
            streams.setId("silence-streams");
            streams.setPlaceholder("cpu or db-* (* for all)");
            streams.setMaxLength(SilenceMatcher.MAX_VALUE);
            length.setId("silence-length");
            length.setLabel("For");
            length.setItems(AlertActions.Length.values());
            length.setItemLabelGenerator(l -> l.label);
            length.setValue(AlertActions.Length.HOURS_4);
            comment.setId("silence-comment");
            comment.setMaxLength(1000);
            Button create = new Button("Silence", e -> create());
            create.setId("silence-create");
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            HorizontalLayout form = new HorizontalLayout(streams, length, comment, create);
            form.setAlignItems(FlexComponent.Alignment.BASELINE);
            form.getStyle().set("flex-wrap", "wrap");
            add(form);
        } else {
            Span note = new Span("Read-only: operators add and end silences and maintenance windows.");
            note.setId("silences-read-only");
            note.getStyle().set("color", "var(--lumo-secondary-text-color)");
            add(note);
        }
        grid.setId("silence-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(Silence::describe).setHeader("Matches").setAutoWidth(true);
        grid.addColumn(s -> s.status(Instant.now()).label()).setHeader("State").setAutoWidth(true);
        grid.addColumn(s -> AlertText.time(s.startsAt())).setHeader("From").setAutoWidth(true);
        grid.addColumn(s -> AlertText.time(s.endsAt())).setHeader("Until").setAutoWidth(true);
        grid.addColumn(Silence::createdBy).setHeader("By").setAutoWidth(true);
        grid.addColumn(Silence::comment).setHeader("Comment").setFlexGrow(2);
        if (operator) {
            grid.addComponentColumn(this::endButton).setHeader("").setKey("end");
        }
        grid.setHeight("300px");
        add(grid, new MaintenanceWindows(silences, operator));
        refresh();
    }

    private void create() {
        try {
            silences.silenceStream(streams.getValue().strip(), length.getValue().duration, comment.getValue());
            AlertText.done("Silenced " + streams.getValue().strip() + " for " + length.getValue().label);
            streams.clear();
            comment.clear();
            refresh();
        } catch (AccessDeniedException e) {
            AlertText.error("Only an operator or admin can silence.");
        } catch (IllegalArgumentException e) {
            AlertText.error("Not silenced: " + e.getMessage());
        }
    }

    private Button endButton(Silence s) {
        Button end = new Button("End", e -> {
            try {
                silences.expire(s.id());
                refresh();
            } catch (AccessDeniedException denied) {
                AlertText.error("Only an operator or admin can end a silence.");
            }
        });
        end.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        end.setEnabled(s.status(Instant.now()) != Silence.Status.EXPIRED);
        return end;
    }

    private void refresh() {
        List<Silence> all = silences.silences();
        grid.setItems(all);
    }

    /** For tests. */
    Grid<Silence> grid() {
        return grid;
    }
}
