package dev.zscope.metrics;

import dev.zscope.ingest.ApiTokens;
import dev.zscope.ingest.TokenService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The security of {@code /actuator/**}, before the Vaadin chain: the health endpoint answers anyone
 * (its status only, see {@code management.endpoint.health.*}), {@code /actuator/prometheus} answers
 * to an API token with the {@code read} scope (401 without one, 403 without the scope), and
 * everything else is denied. Only {@code health} and {@code prometheus} are exposed at all
 * ({@code management.endpoints.web.exposure.include}); the rest answers 401 or 404.
 *
 * <p>Stateless like the API: a browser's session grants nothing here, so a page cannot be tricked
 * into reading metrics with its user's cookie.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
class MetricsSecurityConfig {

    /** After the API's chain (10), before the Vaadin chain (last). */
    static final int ACTUATOR_CHAIN_ORDER = 20;

    @Bean
    @Order(ACTUATOR_CHAIN_ORDER)
    SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http, TokenService tokens,
                                                    ObjectProvider<SecurityContextHolderStrategy> strategy)
            throws Exception {
        var contexts = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        return http.securityMatcher("/actuator/**")
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(ApiTokens.filter(tokens, contexts), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(ApiTokens.missingToken())
                        .accessDeniedHandler(ApiTokens.readScopeMissing()))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/prometheus").hasAuthority(ApiTokens.READ)
                        .anyRequest().denyAll())
                .build();
    }
}
