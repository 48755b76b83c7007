package dev.zscope.security;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** A test-only view that only an ADMIN may open, so access tests need no production view. */
@Route(value = "secured-probe", autoLayout = false)
@RolesAllowed(Roles.ADMIN)
public class SecuredProbeView extends Div {
    public SecuredProbeView() {
        setText("probe");
    }
}
