package dev.zscope.ingest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/**
 * Writes the API's 401 and 403 answers, which come from the security filters before any controller:
 * an RFC 9457 problem body like every other refusal of the API, and the RFC 6750
 * {@code WWW-Authenticate: Bearer} challenge that tells a client what went wrong.
 */
final class ApiProblemWriter {

    private static final String REALM = "Bearer realm=\"zscope\"";

    /** No Authorization header on a request that needs one. */
    void missingToken(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        write(response, 401, REALM, "Unauthorized",
                "a bearer token is required: send 'Authorization: Bearer <token>'");
    }

    /** A malformed header, or a token that is unknown or revoked. */
    void invalidToken(HttpServletResponse response, String detail) throws IOException {
        write(response, 401, REALM + ", error=\"invalid_token\"", "Unauthorized", detail);
    }

    /** A valid token without the scope this request needs. */
    void insufficientScope(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String scope;
        if ("POST".equals(request.getMethod()) && path.matches("/api/v1/streams/[^/]+/points")) {
            scope = Scope.WRITE.label();
        } else if ("GET".equals(request.getMethod()) && path.equals("/api/v1/streams")) {
            scope = Scope.READ.label();
        } else {
            write(response, 403, null, "Forbidden", "no such API operation");
            return;
        }
        write(response, 403, REALM + ", error=\"insufficient_scope\", scope=\"" + scope + "\"", "Forbidden",
                "the token lacks the '" + scope + "' scope");
    }

    private static void write(HttpServletResponse response, int status, String challenge, String title,
                              String detail) throws IOException {
        response.setStatus(status);
        if (challenge != null) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // The texts are fixed here, so a hand-written body needs no JSON library and no escaping.
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }
}
