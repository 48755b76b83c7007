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

/**
 * The sign-in page. The form posts to {@code /login}, where Spring Security checks the
 * credentials and redirects back here with {@code ?error} when they are wrong.
 *
 * <p>{@code autoLayout = false} keeps the application's main layout (menu, header) off this page:
 * that layout is for signed-in users.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Zscope")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    static final String TAGLINE = "Live anomaly detection for your data streams";

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

        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in");
        i18n.getForm().setSubmit("Sign in");
        form.setI18n(i18n);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        form.getStyle().set("max-width", "100%");

        add(product, tagline, form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        form.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }
}
