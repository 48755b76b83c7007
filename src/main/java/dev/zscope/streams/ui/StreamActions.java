package dev.zscope.streams.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.textfield.TextField;
import dev.zscope.base.ui.Toasts;
import dev.zscope.streams.StreamAdmin;

/**
 * An admin's actions on one stream, from the row's own menu: rename (in a dialog that says at the
 * field why a name is refused), archive, delete (after confirming). Each is one call of
 * {@link StreamAdmin}, which checks the role again.
 */
final class StreamActions {

    private final StreamAdmin admin;
    private final Runnable changed;

    /** @param changed runs after a stream was renamed, archived or deleted (the list re-reads) */
    StreamActions(StreamAdmin admin, Runnable changed) {
        this.admin = admin;
        this.changed = changed;
    }

    /** A row's own menu: rename, archive, delete. */
    MenuBar menu(String stream) {
        MenuBar bar = new MenuBar();
        bar.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE, MenuBarVariant.LUMO_ICON);
        bar.setId("stream-actions-" + stream);
        MenuItem root = bar.addItem(VaadinIcon.ELLIPSIS_DOTS_V.create());
        root.setAriaLabel("Actions for " + stream);
        root.getSubMenu().addItem("Rename…", e -> rename(stream)).setId("stream-rename-" + stream);
        root.getSubMenu().addItem("Archive", e -> act(() -> admin.archive(stream), "Archived " + stream))
                .setId("stream-archive-" + stream);
        root.getSubMenu().addItem("Delete…", e -> confirmDelete(stream)).setId("stream-delete-" + stream);
        return bar;
    }

    private void rename(String stream) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Rename " + stream);
        dialog.setId("rename-dialog");
        TextField newName = new TextField("New name");
        newName.setId("stream-new-name");
        newName.setValue(stream);
        newName.setHelperText("1 to 100 letters, digits, '.', '_', '-' or ':'");
        newName.setWidthFull();
        Button ok = new Button("Rename", e -> {
            try {
                admin.rename(stream, newName.getValue());
                dialog.close();
                Toasts.success("Renamed " + stream + " to " + newName.getValue().strip());
                changed.run();
            } catch (IllegalArgumentException ex) {
                newName.setInvalid(true);
                newName.setErrorMessage(ex.getMessage());
            }
        });
        ok.setId("stream-rename-confirm");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(newName);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), ok);
        dialog.open();
        newName.focus();
    }

    private void confirmDelete(String stream) {
        ConfirmDialog dialog = new ConfirmDialog("Delete " + stream + "?",
                "Its detector state and recent points are forgotten. Its anomalies stay in the log "
                        + "and the grid.", "Delete", e -> act(() -> admin.delete(stream), "Deleted " + stream));
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.setId("confirm-delete");
        dialog.open();
    }

    private void act(Runnable action, String done) {
        try {
            action.run();
            Toasts.success(done);
            changed.run();
        } catch (IllegalArgumentException e) {
            Toasts.error(e.getMessage());
        }
    }
}
