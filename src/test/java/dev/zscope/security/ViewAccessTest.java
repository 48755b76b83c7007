package dev.zscope.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.MockAccessDeniedException;
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
     * A signed-in user without the role is not sent to sign in again: Vaadin reroutes to its
     * access-denied error view (a "could not navigate" page in the browser), which Karibu's
     * stand-in for that view reports by throwing.
     */
    @Test
    void viewerIsDeniedAdminOnlyView() {
        login("victor", Roles.VIEWER);
        UI.getCurrent().navigate(ViewerProbeView.class);

        assertThatThrownBy(() -> UI.getCurrent().navigate(SecuredProbeView.class))
                .isInstanceOf(MockAccessDeniedException.class);
        assertThat(currentView()).as("not sent to sign in again").isInstanceOf(ViewerProbeView.class);
        _assertNone(SecuredProbeView.class);
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
