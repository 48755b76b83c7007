package dev.zscope.ingest;

import dev.zscope.base.PointText;
import jakarta.servlet.Filter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * API tokens for endpoints outside {@code /api} that answer to them too: the metrics
 * ({@code /actuator/prometheus}) and the API's own description ({@code /v3/api-docs}). Their
 * security chains add {@link #filter}, so a token is checked exactly as on {@code /api} and
 * refusals are the same problem bodies with the same {@code WWW-Authenticate} challenge.
 */
public final class ApiTokens {

    /** The authority a token with the {@code read} scope grants. */
    public static final String READ = "SCOPE_read";

    private ApiTokens() {
    }

    /**
     * Signs a request with a valid {@code Authorization: Bearer} token in with its scopes, answers
     * 401 to a malformed header or an unknown or revoked token, and lets a request without the
     * header go on (anonymous, or signed in by a session where the chain keeps one).
     */
    public static Filter filter(TokenService tokens, SecurityContextHolderStrategy contexts) {
        return new BearerTokenFilter(tokens, new ApiProblemWriter(), contexts);
    }

    /** 401 with the {@code Bearer} challenge, for a request that needs a token and sent none. */
    public static AuthenticationEntryPoint missingToken() {
        return new ApiProblemWriter()::missingToken;
    }

    /**
     * 403 saying that the token lacks the {@code read} scope; or, for a request that has it, 404:
     * what it asked for is not there for anyone.
     */
    public static AccessDeniedHandler readScopeMissing() {
        return (request, response, e) -> {
            if (request.getUserPrincipal() instanceof Authentication a && a.getAuthorities().stream()
                    .anyMatch(g -> READ.equals(g.getAuthority()))) {
                ApiProblemWriter.write(response, 404, null, "Not Found", "there is nothing at "
                        + PointText.abbreviate(ApiProblemWriter.path(request)));
                return;
            }
            ApiProblemWriter.write(response, 403,
                    "Bearer realm=\"zscope\", error=\"insufficient_scope\", scope=\"read\"", "Forbidden",
                    "the token lacks the 'read' scope");
        };
    }
}
