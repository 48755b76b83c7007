package dev.zscope.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The security headers of every response, pages and API alike.
 *
 * <p>One {@code Customizer<HeadersConfigurer<HttpSecurity>>} bean, which Spring Security 7 applies
 * to every {@code HttpSecurity} it creates, so both the Vaadin chain and the {@code /api/**} chain
 * get the same headers without either naming them:
 * <ul>
 *   <li>{@code Content-Security-Policy}: {@link #CONTENT_SECURITY_POLICY}, and on the page Vaadin
 *       serves the same with a nonce for its inline scripts ({@link PageScriptNonces});</li>
 *   <li>{@code X-Content-Type-Options: nosniff};</li>
 *   <li>{@code Referrer-Policy: same-origin}: no address of this server is sent to other sites;</li>
 *   <li>{@code X-Frame-Options: DENY} (and {@code frame-ancestors 'none'}): no site may frame it;</li>
 *   <li>Spring's defaults otherwise ({@code Cache-Control: no-store} where the response sets no
 *       caching of its own, HSTS on HTTPS requests).</li>
 * </ul>
 *
 * <p>The headers are written before the request is handled, not when the response is committed
 * (Spring's default). Vaadin pages are served through a servlet forward whose response is
 * completed by the container directly, so headers written at commit never reached them; written
 * first, they are there, and Vaadin then leaves its own {@code X-Frame-Options} out. Handlers that
 * set their own {@code Cache-Control} (Vaadin's static files) still replace Spring's.
 */
@Configuration(proxyBeanMethods = false)
class SecurityHeaders {

    static final String CSP_HEADER = "Content-Security-Policy";

    /**
     * What a response may load and run, measured in Chromium with the production bundle
     * ({@code DashboardBrowserIT} fails on any reported violation). Vaadin needs:
     * <ul>
     *   <li>{@code script-src 'unsafe-eval'}: Flow runs server-sent JavaScript (its
     *       {@code executeJs}, property bindings) through {@code new Function}; without it the
     *       page stays blank;</li>
     *   <li>inline scripts of its page: allowed by a per-response nonce on the page
     *       ({@link #pagePolicy(String)}, {@link PageScriptNonces}), not by {@code 'unsafe-inline'};</li>
     *   <li>{@code style-src 'unsafe-inline'}: the page's {@code <style>} elements, and the style
     *       elements and attributes the components create;</li>
     *   <li>{@code font-src data:}: Lumo's icon font is embedded in its style sheet;</li>
     *   <li>{@code img-src data:}: the components' own icons (checkmarks, arrows) are data URLs
     *       used as CSS masks, and the chart's image export draws through one; the dashboard
     *       alone does not show this, other views do;</li>
     *   <li>{@code connect-src 'self'}: requests and the server push web socket, same origin.</li>
     * </ul>
     * Everything else comes from this server only; plugins, {@code <base>} changes, forms posting
     * elsewhere and being framed are refused. This is the policy of every response but the page.
     */
    static final String CONTENT_SECURITY_POLICY = policy("'self' 'unsafe-eval'");

    /** The policy of a page whose inline scripts carry {@code nonce}. */
    static String pagePolicy(String nonce) {
        return policy("'self' 'nonce-" + nonce + "' 'unsafe-eval'");
    }

    private static String policy(String scriptSources) {
        return String.join("; ",
                "default-src 'self'",
                "script-src " + scriptSources,
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data:",
                "font-src 'self' data:",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors 'none'");
    }

    @Bean
    Customizer<HeadersConfigurer<HttpSecurity>> securityHeadersForEveryChain() {
        return headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .contentTypeOptions(Customizer.withDefaults())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                });
    }
}
