package dev.zscope.ingest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <token>} and, for a valid token, signs the request in with
 * the token's scopes as authorities. A malformed header or an unknown or revoked token is answered
 * with 401 at once (RFC 6750's {@code invalid_token}); without the header the request goes on
 * anonymous, and authorization answers 401 if it needs a token.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String SCHEME = "Bearer ";

    private final TokenService tokens;
    private final ApiProblemWriter problems;
    private final SecurityContextHolderStrategy contexts;

    /**
     * @param contexts the application's strategy (Vaadin installs its own), the one the
     *     authorization filter reads; not the static holder, which another application context in
     *     the same JVM (tests) may have replaced
     */
    BearerTokenFilter(TokenService tokens, ApiProblemWriter problems, SecurityContextHolderStrategy contexts) {
        this.tokens = tokens;
        this.problems = problems;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) || header.length() == SCHEME.length()) {
            problems.invalidToken(request, response, "the Authorization header must be 'Bearer <token>'");
            return;
        }
        Optional<TokenInfo> token = tokens.authenticate(header.substring(SCHEME.length()).strip());
        if (token.isEmpty()) {
            problems.invalidToken(request, response, "the bearer token is unknown or revoked");
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new TokenAuthentication(token.get()));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    /** A request signed in with a token: its name is the principal, its scopes the authorities. */
    static final class TokenAuthentication extends AbstractAuthenticationToken {

        private final TokenInfo token;

        TokenAuthentication(TokenInfo token) {
            super(token.scopes().stream().map(s -> new SimpleGrantedAuthority(s.authority())).toList());
            this.token = token;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return token.name();
        }
    }
}
