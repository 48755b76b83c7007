package dev.zscope.ingest.ui;

import com.vaadin.flow.component.sidenav.SideNavItem;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.zscope.KaribuTest;
import dev.zscope.ingest.Scope;
import dev.zscope.ingest.TokenInfo;
import dev.zscope.ingest.TokenService;
import dev.zscope.dashboard.ui.DashboardView;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The token admin view in a mocked browser: create (secret shown once), revoke, and who may open it. */
class TokensViewTest extends KaribuTest {

    @Autowired
    TokenService tokens;

    @Test
    void anAdminCreatesATokenSeesItOnceAndRevokesIt() throws Exception {
        login("alice", "ADMIN");
        UI.getCurrent().navigate(TokensView.class);

        _setValue(_get(TextField.class, spec -> spec.withId("token-name")), "grafana-agent");
        @SuppressWarnings("unchecked")
        Select<TokensView.Scopes> scopes = _get(Select.class, spec -> spec.withId("token-scopes"));
        _setValue(scopes, TokensView.Scopes.WRITE);
        _click(_get(Button.class, spec -> spec.withId("token-create")));

        TextField secretField = _get(TextField.class, spec -> spec.withId("token-secret"));
        String secret = secretField.getValue();
        assertThat(secret).startsWith("zs_").hasSize(46);
        assertThat(_get(VerticalLayout.class, spec -> spec.withId("token-secret-panel")).isVisible()).isTrue();
        TokenInfo created = tokens.list().stream().filter(t -> t.name().equals("grafana-agent")).findFirst().orElseThrow();
        assertThat(created.scopes()).isEqualTo(Set.of(Scope.WRITE));
        assertThat(Files.readString(DATA_DIR.resolve("tokens.csv"))).doesNotContain(secret).contains("grafana-agent");

        _click(_get(Button.class, spec -> spec.withId("token-done")));
        assertThat(secretField.getValue()).as("the secret is gone once dismissed").isEmpty();
        _assertNone(VerticalLayout.class, spec -> spec.withId("token-secret-panel"));
        @SuppressWarnings("unchecked")
        Grid<TokenInfo> grid = _get(Grid.class, spec -> spec.withId("token-grid"));
        List<String> rows = java.util.stream.IntStream.range(0, GridKt._size(grid))
                .mapToObj(i -> GridKt._getFormattedRow(grid, i).toString()).toList();
        assertThat(rows).anyMatch(r -> r.contains("grafana-agent") && r.contains("write") && r.contains("active"));
        assertThat(rows).noneMatch(r -> r.contains(secret));

        int row = rows.indexOf(rows.stream().filter(r -> r.contains("grafana-agent")).findFirst().orElseThrow());
        _click((Button) GridKt._getCellComponent(grid, row, "revoke"));

        assertThat(tokens.list()).filteredOn(t -> t.id().equals(created.id())).singleElement()
                .satisfies(t -> assertThat(t.isRevoked()).isTrue());
        assertThat(GridKt._getFormattedRow(grid, row).toString()).contains("grafana-agent").contains("revoked");
        assertThat(((Button) GridKt._getCellComponent(grid, row, "revoke")).isEnabled()).isFalse();
    }

    /** An empty name is explained at the name field (it was a lowercase toast with no field marked). */
    @Test
    void aTokenWithoutANameIsNotCreatedAndTheFieldSaysWhy() {
        login("alice", "ADMIN");
        UI.getCurrent().navigate(TokensView.class);
        int before = tokens.list().size();
        _click(_get(Button.class, spec -> spec.withId("token-create")));
        assertThat(tokens.list()).hasSize(before);
        _assertNone(VerticalLayout.class, spec -> spec.withId("token-secret-panel"));
        TextField name = _get(TextField.class, spec -> spec.withId("token-name"));
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("Name must be 1 to 100 characters, got nothing");
        NotificationsKt.expectNoNotifications();
    }

    /** Two active tokens cannot share a name, whatever its case; a revoked token's name is free again. */
    @Test
    void aNameInUseIsRefusedAtItsField() {
        login("alice", "ADMIN");
        UI.getCurrent().navigate(TokensView.class);
        TextField name = _get(TextField.class, spec -> spec.withId("token-name"));
        _setValue(name, "unique-bridge");
        _click(_get(Button.class, spec -> spec.withId("token-create")));
        int after = tokens.list().size();
        _setValue(name, "Unique-Bridge ");
        _click(_get(Button.class, spec -> spec.withId("token-create")));
        assertThat(tokens.list()).hasSize(after);
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("Name must be unique: an active token is already called "
                + "'Unique-Bridge'");
        assertThatThrownBy(() -> tokens.create("UNIQUE-bridge", Set.of(Scope.WRITE)))
                .as("the service refuses it too").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already in use");

        TokenInfo first = tokens.list().stream().filter(t -> t.name().equals("unique-bridge")).findFirst().orElseThrow();
        tokens.revoke(first.id());
        _click(_get(Button.class, spec -> spec.withId("token-create")));
        assertThat(name.isInvalid()).isFalse();
        assertThat(tokens.list()).hasSize(after + 1);
    }

    /** The new token has a copy button beside it, and the grid's columns have room for "Created". */
    @Test
    void theNewTokenHasACopyButtonAndEveryColumnHasItsRoom() {
        login("alice", "ADMIN");
        UI.getCurrent().navigate(TokensView.class);
        _setValue(_get(TextField.class, spec -> spec.withId("token-name")), "copy-me");
        _click(_get(Button.class, spec -> spec.withId("token-create")));
        Button copy = _get(Button.class, spec -> spec.withId("token-copy"));
        assertThat(copy.isVisible()).isTrue();
        _click(copy); // runs the copying script in the browser; a browser test sees its toast
        @SuppressWarnings("unchecked")
        Grid<TokenInfo> grid = _get(Grid.class, spec -> spec.withId("token-grid"));
        assertThat(grid.getColumnByKey("created").getWidth()).isEqualTo("13.5rem");
        assertThat(grid.getColumnByKey("created").getFlexGrow()).isZero();
        assertThat(grid.getColumns()).allSatisfy(c -> assertThat(c.getWidth()).endsWith("rem"));
    }

    @Test
    void adminsSeeTheLinkInTheHeader() {
        login("alice", "ADMIN");
        UI.getCurrent().navigate(DashboardView.class);
        assertThat(_get(SideNavItem.class, spec -> spec.withId("nav-tokens")).getPath()).isEqualTo("tokens");
    }

    @Test
    void aViewerCanNeitherOpenTheViewNorSeeTheLink() {
        login("victor", "VIEWER");
        UI.getCurrent().navigate(DashboardView.class);
        _assertNone(SideNavItem.class, spec -> spec.withId("nav-tokens"));
        _assertOne(SideNavItem.class, spec -> spec.withId("nav-streams"));
        UI.getCurrent().navigate(TokensView.class);
        _assertNone(TokensView.class);
        _assertOne(dev.zscope.ui.NotAllowedView.class);
    }

    @Test
    void anonymousVisitorsCannotOpenTheView() {
        UI.getCurrent().navigate(TokensView.class);
        _assertNone(TokensView.class);
        _assertOne(com.vaadin.flow.component.login.LoginForm.class);
    }
}
