package dev.zscope;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import dev.zscope.security.Role;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kotlin.jvm.functions.Function0;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base class for browserless view tests: a real Spring context (so views get their beans and
 * Vaadin's navigation access control is active) plus Karibu's mock Vaadin environment.
 *
 * <p>Each test starts with a fresh UI and nobody signed in; call {@link #login} to act as a user.
 * All subclasses share one Spring context, whose data directory ({@code zscope.data-dir}) is a
 * fresh folder under {@code target/test-data}, so tests never touch a real install's files. The
 * admin password is fixed through {@code ZSCOPE_ADMIN_PASSWORD}, so no password is generated.
 */
@SpringBootTest(properties = {
        "ZSCOPE_ADMIN_PASSWORD=" + KaribuTest.ADMIN_PASSWORD,
        // The tests feed the engine themselves, so what they see does not depend on timing.
        "zscope.engine.simulator-enabled=false"})
public abstract class KaribuTest {

    /** The bootstrapped {@code admin}'s password in these tests. */
    protected static final String ADMIN_PASSWORD = "test-admin";

    /** One per test JVM, shared with the (cached) Spring context; {@code mvn clean} removes it. */
    protected static final Path DATA_DIR =
            Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();

    private static Routes routes;

    @Autowired
    protected ApplicationContext applicationContext;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("zscope.data-dir", DATA_DIR::toString);
    }

    @BeforeAll
    static void discoverRoutes() {
        if (routes == null) {
            routes = new Routes().autoDiscoverViews("dev.zscope");
        }
    }

    @BeforeEach
    void setUpVaadin() {
        // Every Spring context with Vaadin installs its own strategy in the static holder, and the
        // logout handlers keep the one of their context: after another test class started a context
        // (the API tests do), login() and CurrentUser.logout() would use different holders.
        SecurityContextHolder.setContextHolderStrategy(applicationContext.getBean(SecurityContextHolderStrategy.class));
        Function0<UI> uiFactory = UI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(routes, applicationContext, uiFactory));
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }

    /**
     * Acts as a signed-in user from now on, in Spring Security and in the mock servlet request
     * (Vaadin's view access checks ask the request). Roles are names without {@code ROLE_}; a
     * {@link Role} name is widened as in production, so {@code login("a", "ADMIN")} is also a VIEWER.
     * Navigate after calling this: the current view is not re-checked.
     */
    protected void login(String user, String... roles) {
        Set<String> granted = Arrays.stream(roles)
                .flatMap(KaribuTest::effectiveRoles)
                .collect(Collectors.toUnmodifiableSet());
        var authorities = granted.stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
        SecurityContextHolder.getContext().setAuthentication(authentication);
        FakeRequest request = currentRequest();
        request.setUserPrincipalInt(authentication);
        request.setUserInRole((principal, role) -> granted.contains(role.replaceFirst("^ROLE_", "")));
    }

    /**
     * Runs {@code action} as an admin and then acts as before: for a test's own setup and cleanup
     * through services whose state-changing methods take an admin (method security).
     */
    protected static void asAdmin(Runnable action) {
        var context = SecurityContextHolder.getContext();
        var before = context.getAuthentication();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("test-setup", null,
                List.of(new SimpleGrantedAuthority("ROLE_" + Role.ADMIN.name()))));
        try {
            action.run();
        } finally {
            context.setAuthentication(before);
        }
    }

    /** Acts as nobody from now on. */
    protected void logout() {
        SecurityContextHolder.clearContext();
        FakeRequest request = currentRequest();
        request.setUserPrincipalInt(null);
        request.setUserInRole((principal, role) -> false);
    }

    private static Stream<String> effectiveRoles(String role) {
        for (Role known : Role.values()) {
            if (known.name().equals(role)) {
                return known.effectiveRoles().stream().map(Role::name);
            }
        }
        return Stream.of(role);
    }

    private static FakeRequest currentRequest() {
        return (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
    }
}
