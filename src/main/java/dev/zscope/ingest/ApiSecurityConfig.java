package dev.zscope.ingest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The security of {@code /api/**}: bearer tokens only, checked on every request. No session, no
 * cookie, no form login and no CSRF token, because API clients are scripts and collectors that
 * present their token each time; a browser's cookies therefore grant nothing here.
 *
 * <p>This chain runs before the Vaadin chain (which matches everything and runs last), so the
 * Vaadin chain never sees API requests. Writing points, hints and silences needs the {@code write}
 * scope; listing streams, alerts and silences and reading points and hints back the {@code read}
 * scope; everything else under {@code /api} is denied, and the denial says
 * why ({@link ApiProblemWriter#accessDenied}): 401 without a valid token, then 403 for a missing
 * scope, 405 for a method the URL does not have, 404 for a URL the API does not have.
 *
 * <p>A multipart body is refused (415) once the token is checked, before Spring MVC would parse it:
 * the API reads JSON and CSV only, and a malformed multipart body would otherwise fail inside the
 * dispatcher, outside the API's error handling.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
class ApiSecurityConfig {

    /** Before the Vaadin chain (lowest precedence). */
    static final int API_CHAIN_ORDER = 10;

    @Bean
    @Order(API_CHAIN_ORDER)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, TokenService tokens, IngestMeters meters,
                                               ObjectProvider<SecurityContextHolderStrategy> strategy) throws Exception {
        ApiProblemWriter problems = new ApiProblemWriter(meters);
        var contexts = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        return http.securityMatcher("/api/**")
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerTokenFilter(tokens, problems, contexts), AnonymousAuthenticationFilter.class)
                .addFilterAfter(ApiSecurityConfig::refuseMultipart, AuthorizationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems::missingToken)
                        .accessDeniedHandler(problems::accessDenied))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, ApiProblemWriter.POINTS).hasAuthority(Scope.WRITE.authority())
                        .requestMatchers(HttpMethod.GET, ApiProblemWriter.POINTS).hasAuthority(Scope.READ.authority())
                        .requestMatchers(HttpMethod.HEAD, ApiProblemWriter.POINTS).hasAuthority(Scope.READ.authority())
                        .requestMatchers(HttpMethod.GET, ApiProblemWriter.STREAMS).hasAuthority(Scope.READ.authority())
                        .requestMatchers(HttpMethod.HEAD, ApiProblemWriter.STREAMS).hasAuthority(Scope.READ.authority())
                        .requestMatchers(HttpMethod.GET, ApiProblemWriter.ANOMALIES).hasAuthority(Scope.READ.authority())
                        .requestMatchers(HttpMethod.HEAD, ApiProblemWriter.ANOMALIES).hasAuthority(Scope.READ.authority())
                        .requestMatchers(HttpMethod.PUT, ApiProblemWriter.HINTS).hasAuthority(Scope.WRITE.authority())
                        .requestMatchers(HttpMethod.GET, ApiProblemWriter.HINTS).hasAuthority(Scope.READ.authority())
                        .requestMatchers(HttpMethod.HEAD, ApiProblemWriter.HINTS).hasAuthority(Scope.READ.authority())
                        .requestMatchers(HttpMethod.GET, ApiProblemWriter.ALERTS, ApiProblemWriter.SILENCES)
                        .hasAuthority(Scope.READ.authority())
                        .requestMatchers(HttpMethod.HEAD, ApiProblemWriter.ALERTS, ApiProblemWriter.SILENCES)
                        .hasAuthority(Scope.READ.authority())
                        .requestMatchers(HttpMethod.POST, ApiProblemWriter.SILENCES).hasAuthority(Scope.WRITE.authority())
                        .requestMatchers(HttpMethod.DELETE, ApiProblemWriter.SILENCE).hasAuthority(Scope.WRITE.authority())
                        .anyRequest().denyAll())
                .build();
    }

    private static void refuseMultipart(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String type = request.getContentType();
        if (type != null && type.regionMatches(true, 0, "multipart/", 0, "multipart/".length())) {
            ApiProblemWriter.write((HttpServletResponse) response, 415, null, "Unsupported media type",
                    "multipart bodies are not accepted; send application/json or text/csv");
            return;
        }
        chain.doFilter(request, response);
    }
}
