package dev.zscope.ingest.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.zscope.base.ui.Toasts;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.Menu;
import dev.zscope.ingest.NewToken;
import dev.zscope.ingest.Scope;
import dev.zscope.ingest.TokenInfo;
import dev.zscope.ingest.TokenService;
import dev.zscope.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where an admin manages the HTTP API's tokens: creates one (its secret is shown here once, in a
 * panel that is cleared when dismissed or when the next token is made, since only its hash is
 * kept), lists them, and revokes those created here. Configuration and environment tokens are
 * listed so nothing that opens the API is hidden, but they are revoked where they are defined.
 */
@Route("tokens")
@Menu(title = "API tokens", order = 3, icon = "vaadin:key")
@PageTitle("API tokens · Zscope")
@RolesAllowed(Roles.ADMIN)
public class TokensView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The scope combinations offered; a Select keeps to the components the app already ships. */
    enum Scopes {
        READ_WRITE("write and read", EnumSet.of(Scope.READ, Scope.WRITE)),
        WRITE("write only", EnumSet.of(Scope.WRITE)),
        READ("read only", EnumSet.of(Scope.READ));

        final String label;
        final Set<Scope> scopes;

        Scopes(String label, Set<Scope> scopes) {
            this.label = label;
            this.scopes = scopes;
        }
    }

    private static final int MAX_NAME = 100;

    private final TokenService tokens;
    private final Grid<TokenInfo> grid = new Grid<>(TokenInfo.class, false);
    private final TextField name = new TextField("Name");
    private final Select<Scopes> scopes = new Select<>();
    private final TextField secret = new TextField("New token");
    private final VerticalLayout secretPanel = new VerticalLayout();

    public TokensView(TokenService tokens) {
        this.tokens = tokens;
        setSizeFull();
        name.setId("token-name");
        name.setPlaceholder("e.g. prometheus-bridge");
        name.setMaxLength(MAX_NAME);
        name.setRequiredIndicatorVisible(true);
        name.setManualValidation(true); // judged when a token is created, with the reason at the field
        scopes.setId("token-scopes");
        scopes.setLabel("Scopes");
        scopes.setItems(Scopes.values());
        scopes.setItemLabelGenerator(s -> s.label);
        scopes.setValue(Scopes.READ_WRITE);
        Button create = new Button("Create token", e -> create());
        create.setId("token-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, scopes, create);
        form.setAlignItems(Alignment.BASELINE);
        form.getStyle().set("flex-wrap", "wrap");

        secret.setId("token-secret");
        secret.setReadOnly(true);
        secret.setWidthFull();
        Span hint = new Span("Copy this token now: Zscope keeps only its SHA-256 and cannot show it again."
                + " Use it as 'Authorization: Bearer <token>'.");
        hint.setId("token-hint");
        Button copy = new Button("Copy", VaadinIcon.COPY.create(), e -> copySecret());
        copy.setId("token-copy");
        copy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout secretRow = new HorizontalLayout(secret, copy);
        secretRow.setWidthFull();
        secretRow.setAlignItems(Alignment.BASELINE);
        secretRow.expand(secret);
        Button done = new Button("I have copied it", e -> hideSecret());
        done.setId("token-done");
        secretPanel.add(hint, secretRow, done);
        secretPanel.setId("token-secret-panel");
        secretPanel.getStyle().set("border", "1px solid var(--lumo-primary-color)")
                .set("border-radius", "var(--lumo-border-radius-m)");
        secretPanel.setVisible(false);

        grid.setId("token-grid");
        grid.addColumn(TokenInfo::name).setHeader("Name").setKey("name").setWidth("10rem").setFlexGrow(2);
        grid.addColumn(t -> t.scopes().stream().map(Scope::label).sorted().collect(Collectors.joining(", ")))
                .setHeader("Scopes").setKey("scopes").setWidth("9rem").setFlexGrow(0);
        // Fixed widths in rem fit "2026-12-07 14:03:11 UTC" whatever the rows, so nothing is cut off.
        grid.addColumn(t -> TIME.format(t.created())).setHeader("Created").setKey("created")
                .setWidth("13.5rem").setFlexGrow(0);
        grid.addColumn(TokensView::state).setHeader("State").setKey("state").setWidth("12rem").setFlexGrow(1);
        grid.addComponentColumn(this::revokeButton).setHeader("").setKey("revoke").setWidth("7.5rem")
                .setFlexGrow(0);
        grid.setSizeFull();

        add(new H3("API tokens"), form, secretPanel, grid);
        refresh();
    }

    /**
     * Creates the token; a name that is empty, too long or already in use is explained at the name
     * field (the service checks it again).
     */
    private void create() {
        String wanted = name.getValue().strip();
        name.setInvalid(false);
        if (wanted.isEmpty() || wanted.length() > MAX_NAME) {
            refuseName("Name must be 1 to " + MAX_NAME + " characters, got " + (wanted.isEmpty() ? "nothing"
                    : wanted.length()));
            return;
        }
        if (tokens.nameInUse(wanted)) {
            refuseName("Name must be unique: an active token is already called '" + wanted + "'");
            return;
        }
        try {
            NewToken created = tokens.create(wanted, scopes.getValue() == null ? Set.of() : scopes.getValue().scopes);
            secret.setValue(created.secret());
            secretPanel.setVisible(true);
            name.clear();
            refresh();
        } catch (IllegalArgumentException e) {
            refuseName("Not created: " + e.getMessage());
        }
    }

    private void refuseName(String message) {
        name.setErrorMessage(message);
        name.setInvalid(true);
        name.focus();
    }

    /**
     * Copies the new token to the clipboard: the Clipboard API where the page may use it (HTTPS or
     * localhost), else the browser's copy command on the selected field; says which worked.
     */
    private void copySecret() {
        secret.getElement().executeJs("""
                const text = $0;
                const viaSelection = () => { const i = this.inputElement; i.select(); return document.execCommand('copy'); };
                if (navigator.clipboard && window.isSecureContext) {
                  return navigator.clipboard.writeText(text).then(() => true, () => viaSelection());
                }
                return viaSelection();""", secret.getValue())
                .then(Boolean.class, copied -> {
                    if (Boolean.TRUE.equals(copied)) {
                        Toasts.success("Token copied");
                    } else {
                        Toasts.error("This browser did not let the page copy: select the token and press Ctrl+C");
                    }
                });
    }

    private void hideSecret() {
        secret.clear();
        secretPanel.setVisible(false);
    }

    private Button revokeButton(TokenInfo token) {
        Button revoke = new Button("Revoke", e -> {
            if (tokens.revoke(token.id())) {
                Toasts.success("Token '" + token.name() + "' revoked");
            }
            refresh();
        });
        revoke.setId("token-revoke-" + token.id());
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        revoke.setEnabled(token.isRevocable());
        return revoke;
    }

    private static String state(TokenInfo token) {
        if (token.isRevoked()) {
            return "revoked " + TIME.format(token.revoked());
        }
        return switch (token.origin()) {
            case ADMIN -> "active";
            case CONFIGURATION -> "active (from configuration)";
            case ENVIRONMENT -> "active (from ZSCOPE_BOOTSTRAP_TOKEN)";
        };
    }

    private void refresh() {
        grid.setItems(tokens.list());
    }
}
