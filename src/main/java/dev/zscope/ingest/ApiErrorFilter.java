package dev.zscope.ingest;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps every answer to an {@code /api} request a problem body, whatever refuses it after Tomcat has
 * read it. It runs first, before Spring Security, and:
 * <ul>
 *   <li>turns {@code sendError(status)} by anything behind it (Spring MVC's default exception
 *       handling, Spring Security, the servlet container) into a problem body with that status and
 *       the headers already set (e.g. {@code Allow}), instead of the container's error page: that
 *       would forward to {@code /error}, which the browser chain answers with a redirect to the
 *       login page;</li>
 *   <li>answers a request that Spring Security's firewall rejects ({@code //}, {@code ..},
 *       {@code %2e}, {@code ;}, {@code %25}, ...) with 400 and the firewall's reason, logged at
 *       DEBUG only, since a client's bad URL is not the server's error. It asks the same firewall
 *       first, because Spring Security itself answers a rejection with a bare 400;</li>
 *   <li>answers the container's error page for an API request (its error dispatch) with a problem
 *       body, e.g. Tomcat's 405 for {@code TRACE};</li>
 *   <li>answers any other exception with 500 and logs it at ERROR: that is a bug.</li>
 * </ul>
 * What Tomcat refuses before any filter (an encoded {@code /}, {@code \} or NUL in the path, a
 * request line or headers beyond {@code server.max-http-request-header-size}) is answered by
 * {@link ApiErrorReportValve}.
 *
 * <p>A request is the API's if its path as sent starts with {@code /api/} (or is {@code /api}), so
 * that {@code /api/../x} and {@code /api//v1/...} are the API's refusals too.
 */
final class ApiErrorFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorFilter.class);

    private final HttpFirewall firewall;

    /** @param firewall the firewall Spring Security applies (its own StrictHttpFirewall unless a bean replaces it) */
    ApiErrorFilter(HttpFirewall firewall) {
        this.firewall = firewall;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isApi(originalUri(request), request.getContextPath());
    }

    /** Also the container's error dispatch, so that an error page for an API request is a problem body. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /** Whether a request path, as sent, is under {@code /api} of the application at {@code contextPath}. */
    static boolean isApi(String uri, String contextPath) {
        if (uri == null || !uri.startsWith(contextPath)) {
            return false;
        }
        int at = contextPath.length();
        return uri.startsWith("/api", at) && (uri.length() == at + 4 || uri.charAt(at + 4) == '/'
                || uri.charAt(at + 4) == ';');
    }

    private static String originalUri(HttpServletRequest request) {
        if (request.getDispatcherType() == DispatcherType.ERROR
                && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            return uri;
        }
        return request.getRequestURI();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            errorPage(request, response);
            return;
        }
        try {
            firewall.getFirewalledRequest(request);
        } catch (RequestRejectedException e) {
            rejected(response, e);
            return;
        }
        try {
            chain.doFilter(request, new ProblemResponse(response));
        } catch (IOException | ServletException | RuntimeException e) {
            if (response.isCommitted()) {
                throw e;
            }
            response.resetBuffer();
            RequestRejectedException rejected = cause(e, RequestRejectedException.class);
            if (rejected != null) {
                rejected(response, rejected);
            } else {
                log.error("API request {} {} failed", request.getMethod(), ApiProblemWriter.path(request), e);
                ApiProblemWriter.write(response, 500, null, "Internal Server Error",
                        "the server could not process the request; see its log");
            }
        }
    }

    /** A bad URL is the client's error, not the server's: DEBUG only. */
    private static void rejected(HttpServletResponse response, RequestRejectedException e) throws IOException {
        log.debug("API request rejected: {}", e.getMessage());
        ApiProblemWriter.write(response, 400, null, "Bad Request", "the URL is not accepted: "
                + ApiProblemWriter.shortened(e.getMessage())
                + "; the API's URLs are /api/v1/streams/{stream}/points and /api/v1/streams, without '//', "
                + "'..', ';', '\\' or encoded '.', '/', '%'");
    }

    /**
     * The container's error page for an API request (e.g. its 405 for {@code TRACE}, which it sends
     * before any filter): the status and message it gives, as a problem body. A 405 names the
     * methods of the API's URL (404 if the API has no such URL), not the servlet's.
     */
    private static void errorPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                ? code : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        if (status == HttpServletResponse.SC_METHOD_NOT_ALLOWED) {
            String path = originalUri(request).substring(request.getContextPath().length());
            String allow = ApiProblemWriter.allowed(path);
            if (allow == null) {
                ApiProblemWriter.notFound(response, path);
            } else {
                ApiProblemWriter.methodNotAllowed(response, request.getMethod(), path, allow);
            }
            return;
        }
        if (status >= 500 && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t) {
            log.error("API request {} {} failed", request.getMethod(), originalUri(request), t);
        }
        ApiProblemWriter.write(response, status, null, ApiProblemWriter.title(status), detail(status,
                message == null ? null : message.toString()));
    }

    private static String detail(int status, String message) {
        return message == null || message.isBlank()
                ? ApiProblemWriter.title(status).toLowerCase(Locale.ROOT)
                : ApiProblemWriter.shortened(message);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Writes a problem body where the container would send its error page. */
    private static final class ProblemResponse extends HttpServletResponseWrapper {

        ProblemResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (isCommitted()) {
                throw new IllegalStateException("the response is already committed");
            }
            resetBuffer();
            ApiProblemWriter.write(this, status, null, ApiProblemWriter.title(status), detail(status, message));
            flushBuffer();
        }
    }
}
