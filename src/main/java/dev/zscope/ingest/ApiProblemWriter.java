package dev.zscope.ingest;

import dev.zscope.base.PointText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/**
 * Writes the API's answers that do not come from its controller: 401 and 403 from the security
 * filters, 404 and 405 for what the API does not have, and the refusals of {@link ApiErrorFilter}
 * and {@link ApiErrorReportValve}. Each is an RFC 9457 problem body like every other refusal of the
 * API, with the RFC 6750 {@code WWW-Authenticate: Bearer} challenge where a token is at fault.
 *
 * <p>It also holds the API's table of operations (path and method), so that a request the security
 * chain denies is told precisely why: a missing scope (403), a method the URL does not have (405 with
 * {@code Allow}), or a URL the API does not have (404). The authorization rules in
 * {@link ApiSecurityConfig} and the controllers' mappings name the same operations.
 */
final class ApiProblemWriter {

    private static final String REALM = "Bearer realm=\"zscope\"";
    static final String POINTS = "/api/v1/streams/*/points";
    static final String STREAMS = "/api/v1/streams";
    static final String ANOMALIES = AnomaliesController.PATH;
    static final String HINTS = "/api/v1/streams/*/hints";
    static final String ALERTS = "/api/v1/alerts";
    static final String SILENCES = "/api/v1/silences";
    static final String SILENCE = "/api/v1/silences/*";
    private static final Pattern POINTS_PATH = Pattern.compile("/api/v1/streams/[^/]+/points");
    private static final Pattern HINTS_PATH = Pattern.compile("/api/v1/streams/[^/]+/hints");
    private static final Pattern SILENCE_PATH = Pattern.compile("/api/v1/silences/[^/]+");

    /** Told of every refusal of a point write, for the metrics; null where nobody counts. */
    private final IngestMeters meters;

    ApiProblemWriter() {
        this(null);
    }

    ApiProblemWriter(IngestMeters meters) {
        this.meters = meters;
    }

    /** Counts a refusal of {@code POST .../points} under {@code title}. */
    private void count(HttpServletRequest request, String title) {
        if (meters != null && request != null && "POST".equals(request.getMethod())
                && POINTS_PATH.matcher(path(request)).matches()) {
            meters.rejected(title);
        }
    }

    /** No Authorization header on a request that needs one. */
    void missingToken(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        count(request, "Unauthorized");
        write(response, 401, REALM, "Unauthorized",
                "a bearer token is required: send 'Authorization: Bearer <token>'");
    }

    /** A malformed header, or a token that is unknown or revoked. */
    void invalidToken(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        count(request, "Unauthorized");
        write(response, 401, REALM + ", error=\"invalid_token\"", "Unauthorized", detail);
    }

    /**
     * A valid token, and still denied: the scope is missing (403), or the URL has no such method
     * (405 with {@code Allow}; {@code OPTIONS} is answered 204 with {@code Allow}), or the API has no
     * such URL (404).
     */
    void accessDenied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        String path = path(request);
        String method = request.getMethod();
        String allow = allowed(path);
        if (allow == null) {
            notFound(response, path);
            return;
        }
        boolean reads = "GET".equals(method) || "HEAD".equals(method);
        String scope = !java.util.List.of(allow.split(", ")).contains(method) ? null
                : reads ? Scope.READ.label() : Scope.WRITE.label();
        if (scope != null) {
            count(request, "Forbidden");
            write(response, 403, REALM + ", error=\"insufficient_scope\", scope=\"" + scope + "\"", "Forbidden",
                    "the token lacks the '" + scope + "' scope");
        } else if ("OPTIONS".equals(method)) {
            response.setStatus(HttpStatus.NO_CONTENT.value());
            response.setHeader(HttpHeaders.ALLOW, allow + ", OPTIONS");
        } else {
            methodNotAllowed(response, method, path, allow);
        }
    }

    /** The methods the API has at {@code path} (as sent), for {@code Allow}; null when it has no such URL. */
    static String allowed(String path) {
        if (POINTS_PATH.matcher(path).matches()) {
            return "GET, HEAD, POST";
        }
        if (HINTS_PATH.matcher(path).matches()) {
            return "GET, HEAD, PUT";
        }
        if (SILENCE_PATH.matcher(path).matches()) {
            return "DELETE";
        }
        return switch (path) {
            case STREAMS, ALERTS, ANOMALIES -> "GET, HEAD";
            case SILENCES -> "GET, HEAD, POST";
            default -> null;
        };
    }

    static void notFound(HttpServletResponse response, String path) throws IOException {
        write(response, 404, null, "Not Found", "the API has no " + PointText.abbreviate(path)
                + "; it has GET and POST /api/v1/streams/{stream}/points, GET and PUT /api/v1/streams/{stream}/hints,"
                + " GET /api/v1/streams, GET " + ANOMALIES + ", GET /api/v1/alerts, GET and POST /api/v1/silences and"
                + " DELETE /api/v1/silences/{id}");
    }

    static void methodNotAllowed(HttpServletResponse response, String method, String path, String allow)
            throws IOException {
        response.setHeader(HttpHeaders.ALLOW, allow);
        write(response, 405, null, "Method Not Allowed", PointText.abbreviate(method) + " is not allowed on "
                + PointText.abbreviate(path) + "; use " + allow);
    }

    /** The request's path in the application, as sent (not decoded). */
    static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** Writes a problem body with {@code status}; {@code challenge} (may be null) is the WWW-Authenticate. */
    static void write(HttpServletResponse response, int status, String challenge, String title, String detail)
            throws IOException {
        response.setStatus(status);
        if (challenge != null) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json(status, title, detail));
    }

    /** The problem body as JSON text; {@code title} and {@code detail} are escaped. */
    static String json(int status, String title, String detail) {
        StringBuilder b = new StringBuilder(96 + detail.length());
        b.append("{\"type\":\"about:blank\",\"title\":");
        quote(b, title);
        b.append(",\"status\":").append(status).append(",\"detail\":");
        quote(b, detail);
        return b.append('}').toString();
    }

    /** {@code text} cut to 200 characters: for messages from the server's own components. */
    static String shortened(String text) {
        String t = text.strip();
        if (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.length() <= 200 ? t : t.substring(0, 200) + "...";
    }

    /** The reason phrase of {@code status}, e.g. "Bad Request", or "Error" for an unknown code. */
    static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    private static void quote(StringBuilder b, String text) {
        b.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
