package dev.zscope.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;
import dev.zscope.KaribuTest;
import dev.zscope.security.ui.LoginView;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Who lands where: Vaadin's navigation access control, as configured by {@link SecurityConfig}. */
class ViewAccessTest extends KaribuTest {

    @Test
    void anonymousNavigationToProtectedViewLandsOnLoginForm() {
        UI.getCurrent().navigate(PublicProbeView.class);
        assertThat(currentView()).isInstanceOf(PublicProbeView.class);

        UI.getCurrent().navigate(SecuredProbeView.class);

        assertThat(currentView()).isInstanceOf(LoginView.class);
        _assertOne(LoginForm.class);
        _assertNone(SecuredProbeView.class);
    }

    @Test
    void adminOpensAdminOnlyView() {
        login("alice", Roles.ADMIN);
        UI.getCurrent().navigate(SecuredProbeView.class);

        assertThat(currentView()).isInstanceOf(SecuredProbeView.class);
    }

    @Test
    void adminAlsoOpensViewerView() {
        login("alice", Roles.ADMIN);
        UI.getCurrent().navigate(ViewerProbeView.class);

        assertThat(currentView()).isInstanceOf(ViewerProbeView.class);
    }

    /**
     * A signed-in user without the role is not sent to sign in again: Vaadin reroutes to the
     * access-denied error view, ours, which says so inside the layout (it was Vaadin's bare "could
     * not navigate" page without one).
     */
    @Test
    void viewerIsDeniedAdminOnlyViewInsideTheLayout() {
        login("victor", Roles.VIEWER);
        UI.getCurrent().navigate(ViewerProbeView.class);

        UI.getCurrent().navigate(SecuredProbeView.class);

        assertThat(currentView()).as("not sent to sign in again").isInstanceOf(dev.zscope.ui.NotAllowedView.class);
        _assertNone(SecuredProbeView.class);
        _assertOne(dev.zscope.ui.MainLayout.class);
        assertThat(_get(H2.class, spec -> spec.withId("error-title")).getText()).isEqualTo("Not allowed");
        assertThat(_get(Paragraph.class, spec -> spec.withId("error-text")).getText())
                .startsWith("Your role may not open /");
    }

    /**
     * An unknown address shows "Page not found" inside the layout, whose menu still leads on, with
     * HTTP 404 for the page's first request. (The router is asked directly: {@code UI.navigate}
     * leaves a path no server route knows to the browser's router.)
     */
    @Test
    void anUnknownAddressShowsPageNotFoundInsideTheLayout() {
        login("victor", Roles.VIEWER);

        int status = UI.getCurrent().getInternals().getRouter().navigate(UI.getCurrent(),
                new com.vaadin.flow.router.Location("no-such-page"),
                com.vaadin.flow.router.NavigationTrigger.PAGE_LOAD);

        assertThat(status).isEqualTo(404);
        assertThat(currentView()).isInstanceOf(dev.zscope.ui.NotFoundView.class);
        assertThat(_get(H2.class, spec -> spec.withId("error-title")).getText()).isEqualTo("Page not found");
        assertThat(_get(Paragraph.class, spec -> spec.withId("error-text")).getText())
                .startsWith("There is no page at /no-such-page.");
        _assertOne(dev.zscope.ui.MainLayout.class);
        _assertOne(SideNavItem.class, spec -> spec.withId("nav-dashboard"));
        _assertOne(SideNavItem.class, spec -> spec.withId("nav-streams"));
    }

    @Test
    void signingOutClosesTheViewAgain() {
        login("alice", Roles.ADMIN);
        UI.getCurrent().navigate(SecuredProbeView.class);
        assertThat(currentView()).isInstanceOf(SecuredProbeView.class);
        logout();

        UI.getCurrent().navigate(ViewerProbeView.class);

        assertThat(currentView()).isInstanceOf(LoginView.class);
    }

    @Test
    void loginViewShowsErrorOnlyAfterFailedSignIn() {
        UI.getCurrent().navigate("login");
        LoginForm form = _get(LoginForm.class);
        assertThat(form.isError()).isFalse();
        assertThat(form.getAction()).isEqualTo("login");
        _assertOne(H1.class, spec -> spec.withText("Zscope"));

        UI.getCurrent().navigate("login", QueryParameters.of("error", ""));
        assertThat(_get(LoginForm.class).isError()).isTrue();
    }

    /** The redirects of a refused sign-in ({@link SignInFailureHandler}) each say why. */
    @Test
    void loginViewSaysWhySignInWasRefused() {
        UI.getCurrent().navigate("login", QueryParameters.of(LoginView.WAIT_PARAMETER, "16"));
        LoginForm form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(errorMessage(form, "title")).isEqualTo("Too many failed sign-ins");
        assertThat(errorMessage(form, "message")).isEqualTo("Too many failed sign-ins, try again in 16 s.");

        UI.getCurrent().navigate("login", QueryParameters.of(LoginView.EXPIRED_PARAMETER, ""));
        assertThat(_get(LoginForm.class).isError()).isTrue();
        assertThat(errorMessage(_get(LoginForm.class), "title")).isEqualTo("Sign-in form expired");

        UI.getCurrent().navigate("login", QueryParameters.of(LoginView.ERROR_PARAMETER, ""));
        assertThat(errorMessage(_get(LoginForm.class), "title"))
                .as("the default: wrong username or password").isEqualTo("Incorrect username or password");

        UI.getCurrent().navigate("login", QueryParameters.of(LoginView.WAIT_PARAMETER, "<b>soon</b>"));
        assertThat(_get(LoginForm.class).isError()).as("a hand-made wait is ignored").isFalse();
    }

    /** A text of the error the form shows, as sent to the browser (the form's i18n property). */
    private static String errorMessage(LoginForm form, String field) {
        JsonNode i18n = (JsonNode) form.getElement().getPropertyRaw("i18n");
        return i18n.get("errorMessage").get(field).asString();
    }

    private static Object currentView() {
        return UI.getCurrent().getInternals().getActiveRouterTargetsChain().getFirst();
    }
}
