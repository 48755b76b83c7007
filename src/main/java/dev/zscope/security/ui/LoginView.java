package dev.zscope.security.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The sign-in page. The form posts to {@code /login}, where Spring Security checks the
 * credentials and redirects back here when it refuses them, with a query parameter that says why:
 * {@code ?error} (wrong username or password), {@code ?wait=N} (too many failed sign-ins: the next
 * attempt is checked in N seconds) or {@code ?expired} (the form's CSRF token was missing or no
 * longer valid, e.g. after a server restart).
 *
 * <p>The form sends Spring's CSRF token: Vaadin puts it into the page as
 * {@code <meta name="_csrf">} and {@code <meta name="_csrf_parameter">}, and the login form copies
 * those into a hidden field when it submits.
 *
 * <p>{@code autoLayout = false} keeps the application's main layout (menu, header) off this page:
 * that layout is for signed-in users.
 */
@Route(value = LoginView.ROUTE, autoLayout = false)
@PageTitle("Sign in · Zscope")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    static final String TAGLINE = "Live anomaly detection for your data streams";

    /** This view's route, which is also where the form posts. */
    public static final String ROUTE = "login";

    /** Query parameter after a wrong username or password. */
    public static final String ERROR_PARAMETER = "error";

    /** Query parameter after a refused attempt: seconds until the next one is checked. */
    public static final String WAIT_PARAMETER = "wait";

    /** Query parameter after a post without a valid CSRF token. */
    public static final String EXPIRED_PARAMETER = "expired";

    /** The largest wait shown; a larger (hand-made) value is ignored. */
    private static final int MAX_WAIT_SHOWN = 3600;

    private final LoginForm form = new LoginForm();

    public LoginView() {
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        setSpacing(false);

        H1 product = new H1("Zscope");
        product.getStyle().set("margin", "0");
        Paragraph tagline = new Paragraph(TAGLINE);
        tagline.getStyle()
                .set("margin", "var(--lumo-space-xs, 0.25rem) 0 0")
                .set("text-align", "center")
                .set("color", "var(--lumo-secondary-text-color, inherit)");

        form.setI18n(i18n(null, null));
        form.setAction(ROUTE);
        form.setForgotPasswordButtonVisible(false);
        form.getStyle().set("max-width", "100%");

        add(product, tagline, form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        OptionalInt wait = waitSeconds(parameters.get(WAIT_PARAMETER));
        if (wait.isPresent()) {
            form.setI18n(i18n("Too many failed sign-ins",
                    "Too many failed sign-ins, try again in " + wait.getAsInt() + " s."));
            form.setError(true);
        } else if (parameters.containsKey(EXPIRED_PARAMETER)) {
            form.setI18n(i18n("Sign-in form expired",
                    "This form had expired (for example, the server restarted). Please sign in again."));
            form.setError(true);
        } else {
            form.setI18n(i18n(null, null));
            form.setError(parameters.containsKey(ERROR_PARAMETER));
        }
    }

    /** The texts, with the default error ("Incorrect username or password") unless given. */
    private static LoginI18n i18n(String errorTitle, String errorMessage) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in");
        i18n.getForm().setSubmit("Sign in");
        if (errorTitle != null) {
            i18n.getErrorMessage().setTitle(errorTitle);
            i18n.getErrorMessage().setMessage(errorMessage);
        }
        return i18n;
    }

    private static OptionalInt waitSeconds(List<String> values) {
        if (values == null || values.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int seconds = Integer.parseInt(values.getFirst());
            return seconds >= 1 && seconds <= MAX_WAIT_SHOWN ? OptionalInt.of(seconds) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
