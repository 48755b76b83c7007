package dev.zscope.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a signed-in person sees at an address Zscope has no page for: HTTP 404 and a page inside the
 * layout, so the menu is still there to go on from. (Nobody signed in never gets here: the sign-in
 * page comes first, so an unknown address tells a stranger nothing.)
 */
@ParentLayout(MainLayout.class)
@PageTitle("Page not found · Zscope")
@PermitAll
public class NotFoundView extends ErrorPage implements HasErrorParameter<NotFoundException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        show("Page not found", "There is no page at /" + event.getLocation().getPath()
                + ". Check the address, or choose a page from the menu.");
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
