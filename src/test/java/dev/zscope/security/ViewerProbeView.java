package dev.zscope.security;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** A test-only view for VIEWERs, to show that an ADMIN (who includes VIEWER) may open it too. */
@Route(value = "viewer-probe", autoLayout = false)
@RolesAllowed(Roles.VIEWER)
public class ViewerProbeView extends Div {
    public ViewerProbeView() {
        setText("viewer probe");
    }
}
