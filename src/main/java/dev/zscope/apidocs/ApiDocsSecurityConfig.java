package dev.zscope.apidocs;

import dev.zscope.ingest.ApiTokens;
import dev.zscope.ingest.TokenService;
import dev.zscope.security.Roles;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may read the API's description: {@code /v3/api-docs} answers to an API token with the read
 * scope and to anyone signed in (the session of the pages); Swagger UI ({@code /swagger-ui.html},
 * {@code /swagger-ui/**}) is for people signed in, and sends others to the sign-in page. Runs before
 * the Vaadin chain. It reads the pages' session but never creates one for a token, and only reads
 * ({@code GET}), so it needs no CSRF token; the security headers (CSP included) are every chain's.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsSecurityConfig {

    /** After the API (10) and actuator (20) chains, before the Vaadin chain (last). */
    static final int DOCS_CHAIN_ORDER = 30;

    @Bean
    @Order(DOCS_CHAIN_ORDER)
    SecurityFilterChain apiDocsSecurityFilterChain(HttpSecurity http, TokenService tokens,
                                                   ObjectProvider<SecurityContextHolderStrategy> strategy)
            throws Exception {
        var contexts = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher document = new OrRequestMatcher(paths.matcher("/v3/api-docs"), paths.matcher("/v3/api-docs/**"),
                paths.matcher("/v3/api-docs.yaml"));
        RequestMatcher ui = new OrRequestMatcher(paths.matcher("/swagger-ui.html"), paths.matcher("/swagger-ui/**"));
        return http.securityMatcher(new OrRequestMatcher(document, ui))
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .addFilterBefore(ApiTokens.filter(tokens, contexts), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), ui)
                        .defaultAuthenticationEntryPointFor(ApiTokens.missingToken(), document)
                        .defaultAccessDeniedHandlerFor(ApiTokens.readScopeMissing(), document)
                        .defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), ui))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(ui).hasAnyRole(Roles.VIEWER, Roles.ADMIN)
                        .requestMatchers(document).hasAnyAuthority(ApiTokens.READ, "ROLE_" + Roles.VIEWER,
                                "ROLE_" + Roles.ADMIN)
                        .anyRequest().denyAll())
                .build();
    }
}
