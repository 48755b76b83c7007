package dev.zscope.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.zscope.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The whole application with users from configuration, signing in the way the login form does: a
 * POST to {@code /login} with the CSRF token the page carries. Without a valid token the post is
 * refused before any password is checked. Sign-in delays run on a {@link MutableClock}; each test
 * uses its own client address, since the tests share one {@link SignInThrottle}.
 */
@SpringBootTest(properties = {
        "zscope.security.users[0].username=alice",
        "zscope.security.users[0].password=" + UserAccountsTest.ALICE_HASH,
        "zscope.security.users[0].roles=ADMIN",
        "zscope.security.users[1].username=victor",
        "zscope.security.users[1].password=" + UserAccountsTest.VICTOR_HASH,
        "zscope.security.users[1].roles=viewer",
        // Plain text, so that a thousand checks take milliseconds rather than bcrypt's minutes.
        "zscope.security.users[2].username=ops",
        "zscope.security.users[2].password={noop}" + FormLoginTest.OPS_PASSWORD,
        "zscope.security.users[2].roles=VIEWER",
        AdminPasswordBootstrap.ENV_PASSWORD + "=must-be-ignored"})
class FormLoginTest {

    static final String OPS_PASSWORD = "ops-right-pw";

    private static final Path DATA_DIR =
            Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("zscope.data-dir", DATA_DIR::toString);
    }

    /** The sign-in throttle's time, moved by the tests. */
    @TestConfiguration
    static class TestClock {
        @Bean
        MutableClock signInTestClock() {
            return new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        }
    }

    @Autowired
    WebApplicationContext context;

    @Autowired
    UserDetailsService users;

    @Autowired
    MutableClock clock;

    @Autowired
    SignInThrottle throttle;

    MockMvc mvc;

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void mockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root.detachAppender(logs);
    }

    @Test
    void rightPasswordSignsInAndRedirectsAwayFromLogin() throws Exception {
        signIn("alice", "alice-pw", "192.0.2.1")
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/"))
                .andExpect(authenticated().withUsername("alice").withRoles("ADMIN", "OPERATOR", "VIEWER"));
    }

    @Test
    void viewerSignsInWithViewerRoleOnly() throws Exception {
        signIn("victor", "victor-pw", "192.0.2.2")
                .andExpect(redirectedUrl("/"))
                .andExpect(authenticated().withUsername("victor").withRoles("VIEWER"));
    }

    @Test
    void wrongPasswordRedirectsToLoginError() throws Exception {
        signIn("alice", "alice-pw!", "192.0.2.3")
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login?error"))
                .andExpect(unauthenticated());
    }

    @Test
    void unknownUserRedirectsToLoginError() throws Exception {
        signIn("mallory", "alice-pw", "192.0.2.4")
                .andExpect(redirectedUrl("/login?error"))
                .andExpect(unauthenticated());
    }

    @Test
    void failedSignInIsLoggedWithUsernameAndAddressNeverThePassword() throws Exception {
        signIn("alice", "Tr0ub4dor&3-wrong", "192.0.2.5").andExpect(redirectedUrl("/login?error"));

        assertThat(messages()).contains("Failed sign-in for \"alice\" from 192.0.2.5 (1 in a row)");
        assertThat(messages()).noneMatch(m -> m.contains("Tr0ub4dor"));
    }

    @Test
    void postWithoutCsrfTokenIsRefusedBeforeThePasswordIsChecked() throws Exception {
        mvc.perform(post("/login").param("username", "alice").param("password", "alice-pw")
                        .with(address("192.0.2.6")))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login?expired"))
                .andExpect(unauthenticated());

        assertThat(throttle.failures("alice", "192.0.2.6")).as("not even counted").isZero();
        assertThat(messages()).noneMatch(m -> m.contains("Failed sign-in"));
    }

    @Test
    void postWithInvalidCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/login").param("username", "alice").param("password", "alice-pw")
                        .with(csrf().useInvalidToken()).with(address("192.0.2.7")))
                .andExpect(redirectedUrl("/login?expired"))
                .andExpect(unauthenticated());
    }

    /** Vaadin's own requests are exempt from Spring's CSRF check; looking like one is not enough. */
    @Test
    void aVaadinRequestParameterDoesNotExemptTheLoginForm() throws Exception {
        mvc.perform(post("/login").queryParam("v-r", "uidl").param("username", "alice").param("password", "alice-pw")
                        .with(address("192.0.2.8")))
                .andExpect(redirectedUrl("/login?expired"))
                .andExpect(unauthenticated());
    }

    /**
     * The fault suite's "1,000 sign-in attempts", over HTTP: 1,000 posts with wrong passwords for
     * one user from one address, each sent as soon as the previous answer allows. After five
     * failures each post is answered {@code /login?wait=N} with {@code Retry-After: N}, N growing
     * 1, 2, 4, 8, 16 and staying at 30; the right password is refused unchecked while waiting,
     * works after the wait, and the user is never delayed from another address.
     */
    @Test
    void thousandSignInAttempts() throws Exception {
        String attacker = "198.51.100.20";
        List<Long> waits = new ArrayList<>();
        int failures = 0;
        for (int post = 1; post <= 1_000; post++) {
            MvcResult result = signIn("ops", "guess-" + post, attacker).andExpect(unauthenticated()).andReturn();
            String location = result.getResponse().getRedirectedUrl();
            if ("/login?error".equals(location)) {
                failures++;
                continue;
            }
            long wait = Long.parseLong(location.substring("/login?wait=".length()));
            assertThat(location).isEqualTo("/login?wait=" + wait);
            assertThat(result.getResponse().getHeader("Retry-After")).isEqualTo(Long.toString(wait));
            assertThat(wait).isEqualTo(SignInThrottle.waitSecondsAfter(failures)).isBetween(1L, 30L);
            waits.add(wait);
            clock.advanceSeconds(wait);
        }
        // Five free failures, then 995 posts alternating: refused (wait), checked (failure).
        assertThat(failures).isEqualTo(5 + 497);
        assertThat(waits).hasSize(498).startsWith(1L, 2L, 4L, 8L, 16L, 30L, 30L).allMatch(w -> w <= 30);
        assertThat(throttle.failures("ops", attacker)).isEqualTo(502);
        signIn("ops", "guess-last", attacker).andExpect(redirectedUrl("/login?error"));

        // From elsewhere: no wait at all.
        signIn("ops", OPS_PASSWORD, "192.0.2.9")
                .andExpect(redirectedUrl("/")).andExpect(authenticated().withUsername("ops"));
        // The right password, but during the wait: refused unchecked.
        signIn("ops", OPS_PASSWORD, attacker)
                .andExpect(redirectedUrl("/login?wait=30")).andExpect(unauthenticated());
        clock.advanceSeconds(30);
        signIn("ops", OPS_PASSWORD, attacker)
                .andExpect(redirectedUrl("/")).andExpect(authenticated().withUsername("ops"));
        assertThat(throttle.failures("ops", attacker)).isZero();
        assertThat(messages()).noneMatch(m -> m.contains("guess-") || m.contains(OPS_PASSWORD));
        assertThat(messages().stream().filter(m -> m.startsWith("Failed sign-in for \"ops\" from " + attacker)))
                .hasSize(503);
    }

    /**
     * A page request (here answered by the redirect to sign in). The page Vaadin then serves comes
     * through a servlet forward that MockMvc does not follow; {@code SignInHardeningIT} checks it
     * on a real server.
     */
    @Test
    void pageRequestsCarryTheSecurityHeaders() throws Exception {
        expectSecurityHeaders(mvc.perform(get("/")).andExpect(redirectedUrl("/login")));
    }

    /** The API's own filter chain gets the same headers. */
    @Test
    void apiResponsesCarryTheSecurityHeaders() throws Exception {
        expectSecurityHeaders(mvc.perform(get("/api/v1/streams")).andExpect(status().isUnauthorized()));
    }

    private static void expectSecurityHeaders(ResultActions response) throws Exception {
        response.andExpect(header().string("Content-Security-Policy", SecurityHeaders.CONTENT_SECURITY_POLICY))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "same-origin"))
                .andExpect(header().string("X-Frame-Options", "DENY"));
    }

    /**
     * Signing in after being sent to the login page returns to the page asked for as it was asked
     * for: {@code /}, not {@code /?continue} (Spring's default marker of a saved request).
     */
    @Test
    void signingInReturnsToThePageAskedForWithoutAContinueMarker() throws Exception {
        var session = new org.springframework.mock.web.MockHttpSession();
        mvc.perform(get("/").session(session).header("Accept", "text/html"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/login").param("username", "ops").param("password", OPS_PASSWORD)
                        .session(session).with(csrf()).with(address("192.0.2.20")))
                .andExpect(authenticated())
                .andExpect(redirectedUrl("http://localhost/"));
    }

    private ResultActions signIn(String username, String password, String address) throws Exception {
        return mvc.perform(post("/login").param("username", username).param("password", password)
                .with(csrf()).with(address(address)));
    }

    private static RequestPostProcessor address(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private List<String> messages() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void configuredUsersMeanNoGeneratedAdmin() {
        assertThatThrownBy(() -> users.loadUserByUsername("admin")).isInstanceOf(UsernameNotFoundException.class);
        assertThat(Files.exists(DATA_DIR.resolve(AdminPasswordBootstrap.HASH_FILE))).isFalse();
        assertThat(users.loadUserByUsername("victor").getAuthorities())
                .extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_VIEWER");
    }
}
