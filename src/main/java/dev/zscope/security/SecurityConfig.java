package dev.zscope.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import dev.zscope.security.ui.LoginView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

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
 * those requests first and this chain never does.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    /** The Vaadin chain's order: last, because it has no request matcher. */
    static final int VAADIN_CHAIN_ORDER = Ordered.LOWEST_PRECEDENCE;

    @Bean
    @Order(VAADIN_CHAIN_ORDER)
    SecurityFilterChain vaadinSecurityFilterChain(HttpSecurity http) throws Exception {
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)).build();
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
