package dev.zscope.ui;

import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a signed-in person sees at a page their role may not open (a viewer at {@code /tokens}):
 * HTTP 403 and a page inside the layout that says so, instead of Vaadin's bare "could not
 * navigate". The menu only lists what the role may open, so the way on is right there.
 */
@ParentLayout(MainLayout.class)
@PageTitle("Not allowed · Zscope")
@PermitAll
public class NotAllowedView extends ErrorPage implements HasErrorParameter<AccessDeniedException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        show("Not allowed", "Your role may not open /" + event.getLocation().getPath()
                + ". Ask an admin if you need it; the menu lists the pages you can open.");
        return HttpServletResponse.SC_FORBIDDEN;
    }
}
