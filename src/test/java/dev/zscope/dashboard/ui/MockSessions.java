package dev.zscope.dashboard.ui;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.internal.CurrentInstance;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.shared.communication.PushMode;
import java.util.List;
import java.util.Map;
import kotlin.jvm.functions.Function0;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Opens and closes Karibu-mocked browser sessions, each a signed-in viewer on the dashboard, all
 * served by one mocked Vaadin servlet on the application's Spring context.
 *
 * <p>Unlike a unit test, which keeps its one session locked on the test thread and drains the UI
 * queue by hand, an opened session here is unlocked and gets a {@link MeasuringPush}: the engine's
 * deliveries then run {@code UI.access} on their own threads, and each unlock pushes, as in
 * production. Closing closes the UI and destroys the session, as a logout or an expired HTTP session does.
 */
final class MockSessions {

    /** One open session and what is needed to close it again from the driving thread. */
    record Open(VaadinSession session, DashboardView view, Map<Class<?>, CurrentInstance> instances) {
    }

    private final ThreadLocal<Boolean> closing = karibuClosingFlag();
    private final Function0<UI> uiFactory = UI::new;
    private final MockSpringServlet servlet;
    private final PushStats stats;

    MockSessions(ApplicationContext context, PushStats stats) {
        this.stats = stats;
        SecurityContextHolder.setContextHolderStrategy(context.getBean(SecurityContextHolderStrategy.class));
        this.servlet = new MockSpringServlet(new Routes().autoDiscoverViews("dev.zscope"), context, uiFactory);
    }

    /** A new session, signed in as a viewer, showing the dashboard, pushing through a {@link MeasuringPush}. */
    Open open(String user) {
        MockVaadin.setup(uiFactory, servlet);
        login(user);
        UI ui = UI.getCurrent();
        ui.navigate(DashboardView.class);
        DashboardView view = (DashboardView) ui.getCurrentView();
        ui.getPushConfiguration().setPushMode(PushMode.AUTOMATIC);
        ui.getInternals().setPushConnection(new MeasuringPush(ui, view.chart(), stats));
        VaadinSession session = VaadinSession.getCurrent();
        Map<Class<?>, CurrentInstance> instances = CurrentInstance.getInstances();
        session.unlock();
        CurrentInstance.clearAll();
        SecurityContextHolder.clearContext();
        return new Open(session, view, instances);
    }

    /**
     * Closes the session's UI (as a closed tab) and destroys the session (as a logout or an expired
     * HTTP session). Not {@code MockVaadin.tearDown()}: it also announces the end of the whole
     * Vaadin service, after which Vaadin re-registers a listener per component class for the next
     * session, a growth a real server never sees. Karibu is told that the session is closing on
     * purpose, or it would open a fresh one in its place, as a browser reloading after a logout.
     */
    void close(Open open) {
        VaadinSession session = open.session();
        session.lock();
        CurrentInstance.restoreInstances(open.instances());
        closing.set(true);
        try {
            MockVaadin.INSTANCE.closeCurrentUI(true);
            session.getService().fireSessionDestroy(session);
            MockVaadin.runUIQueue(true, session); // the destroy queued by fireSessionDestroy
        } finally {
            closing.set(false);
            session.unlock();
            CurrentInstance.clearAll();
            SecurityContextHolder.clearContext();
        }
    }

    @SuppressWarnings("unchecked")
    private static ThreadLocal<Boolean> karibuClosingFlag() {
        try {
            var field = MockVaadin.class.getDeclaredField("currentlyClosingSession");
            field.setAccessible(true);
            return (ThreadLocal<Boolean>) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Karibu version keeps its closing flag elsewhere", e);
        }
    }

    private static void login(String user) {
        List<SimpleGrantedAuthority> authorities = List.of(new SimpleGrantedAuthority("ROLE_VIEWER"));
        var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
        SecurityContextHolder.getContext().setAuthentication(authentication);
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(authentication);
        request.setUserInRole((principal, role) -> role.equals("ROLE_VIEWER") || role.equals("VIEWER"));
    }
}
