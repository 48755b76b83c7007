package dev.zscope.security;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * A test-only view anyone may open: access tests start here, so that "landed on the login view"
 * cannot be the leftover of the UI's first navigation to a protected root view.
 */
@Route(value = "public-probe", autoLayout = false)
@AnonymousAllowed
public class PublicProbeView extends Div {
    public PublicProbeView() {
        setText("public probe");
    }
}
