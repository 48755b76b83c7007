package dev.zscope.security;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinDefaultRequestCache;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import dev.zscope.security.ui.LoginView;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Puts every view behind sign-in, with a form login at {@code /login} and logout through
 * {@link CurrentUser#logout()}.
 *
 * <p>Access to each view is decided by its annotation ({@code @RolesAllowed}, {@code @PermitAll},
 * {@code @AnonymousAllowed}); Vaadin's configurer denies every request that is neither a Vaadin
 * request nor an allowed view, so an unannotated view is closed, not open.
 *
 * <p>The Vaadin chain matches every request, so it runs last ({@link #VAADIN_CHAIN_ORDER}). Another
 * chain, e.g. bearer tokens for {@code /api/**}, is added as its own {@code SecurityFilterChain}
 * bean with {@code http.securityMatcher("/api/**")} and a smaller {@code @Order}; it then sees
 * those requests first and this chain never does. The security headers of every chain come from
 * {@link SecurityHeaders}.
 *
 * <p>Signing in is hardened: a CSRF token is required on the login form, password guessing is
 * delayed per username and address ({@link SignInThrottle}), failures are logged
 * ({@link SignInGuard}), and the session cookie is {@code SameSite=Lax} and never put in URLs
 * ({@code server.servlet.session.*} in {@code application.properties}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    /** The Vaadin chain's order: last, because it has no request matcher. */
    static final int VAADIN_CHAIN_ORDER = Ordered.LOWEST_PRECEDENCE;

    /** Where the login view is and where its form posts. */
    static final String LOGIN_PATH = "/" + LoginView.ROUTE;

    /**
     * The chain for everything but the API. Beyond Vaadin's configurer:
     * <ul>
     *   <li>CSRF applies to {@code POST /login} too. Vaadin's configurer exempts the login page;
     *       its CSRF part is turned off here and redone without that exemption. Vaadin's own
     *       requests stay exempt, as Vaadin protects them with a token of its own.</li>
     *   <li>Passwords are checked by {@link SignInGuard}, which delays guessing per username and
     *       address ({@link SignInThrottle}) and logs failures. It is this chain's only
     *       authentication manager, so no other provider checks a password behind its back.</li>
     *   <li>A refused sign-in returns to the login view saying why ({@link SignInFailureHandler}).</li>
     * </ul>
     */
    @Bean
    @Order(VAADIN_CHAIN_ORDER)
    SecurityFilterChain vaadinSecurityFilterChain(HttpSecurity http, RequestUtil vaadinRequests,
                                                  UserDetailsService users, PasswordEncoder encoder,
                                                  SignInThrottle throttle,
                                                  ObjectProvider<AuthenticationEventPublisher> events,
                                                  VaadinDefaultRequestCache requestCache) throws Exception {
        RequestMatcher loginPost = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, LOGIN_PATH);
        RequestMatcher vaadinInternal = vaadinRequests::isFrameworkInternalRequest;
        SignInFailureHandler refusals = new SignInFailureHandler(LOGIN_PATH);
        requestCache.setDelegateRequestCache(withoutContinueParameter());
        return http
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin
                        .loginView(LoginView.class)
                        .enableCsrfConfiguration(false)
                        // A signed-in user's unknown URL reaches Vaadin, which answers it with the
                        // not-found view (HTTP 404) inside the layout, not with a bare 403.
                        .anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::authenticated))
                // Not even a Vaadin-looking parameter (POST /login?v-r=uidl) exempts the login form.
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        new AndRequestMatcher(vaadinInternal, new NegatedRequestMatcher(loginPost))))
                .exceptionHandling(exceptions -> exceptions.defaultAccessDeniedHandlerFor(refusals, loginPost))
                .formLogin(form -> form.failureHandler(refusals))
                .authenticationManager(signInManager(users, encoder, throttle, events))
                .build();
    }

    /**
     * Spring Security's session request cache, but the page a visitor wanted before signing in is
     * returned to as it was asked for ({@code /}), not with the {@code ?continue} marker Spring adds
     * by default to find the saved request cheaply: that marker then stayed in the address bar.
     */
    private static RequestCache withoutContinueParameter() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setMatchingRequestParameterName(null);
        return cache;
    }

    /** Remembers failed sign-ins; tests may supply a {@link Clock} bean to control its time. */
    @Bean
    SignInThrottle signInThrottle(ObjectProvider<Clock> clock) {
        return new SignInThrottle(clock.getIfUnique(Clock::systemUTC));
    }

    private static AuthenticationManager signInManager(UserDetailsService users, PasswordEncoder encoder,
                                                       SignInThrottle throttle,
                                                       ObjectProvider<AuthenticationEventPublisher> events) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        if (users instanceof UserDetailsPasswordService upgrades) {
            passwords.setUserDetailsPasswordService(upgrades); // as Spring's own wiring does
        }
        ProviderManager manager = new ProviderManager(new SignInGuard(passwords, throttle));
        events.ifAvailable(manager::setAuthenticationEventPublisher);
        return manager;
    }

    /** Reads any {@code {id}hash}; encodes new passwords (the generated admin's) with bcrypt. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The configured users, or the bootstrapped {@code admin} when there are none. The admin
     * password variable is read through {@link Environment} so that tests can set it as a property.
     */
    @Bean
    UserDetailsService userDetailsService(SecurityProperties properties, PasswordEncoder encoder,
                                          Environment environment) {
        String adminPassword = environment.getProperty(AdminPasswordBootstrap.ENV_PASSWORD);
        if (!properties.users().isEmpty() && adminPassword != null && !adminPassword.isBlank()) {
            log.warn("{} is ignored: it only sets the password of the generated admin, and users are "
                    + "configured in zscope.security.users.", AdminPasswordBootstrap.ENV_PASSWORD);
        }
        return UserAccounts.create(properties, encoder, () -> new AdminPasswordBootstrap(
                properties.dataDirectory(), encoder, adminPassword).adminPasswordHash());
    }
}
