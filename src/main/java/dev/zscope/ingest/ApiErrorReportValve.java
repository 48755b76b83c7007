package dev.zscope.ingest;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.ExceptionUtils;

/**
 * Tomcat's error report (the page it writes when no application answered), with a problem body for
 * the API instead of Tomcat's HTML. Tomcat answers by itself, before any filter or servlet, when it
 * cannot take a request apart: an encoded {@code /} ({@code %2F}), {@code \} ({@code %5C}) or NUL
 * ({@code %00}) in the path, a request line or headers beyond
 * {@code server.max-http-request-header-size}, or {@code TRACE}. This valve replaces the host's
 * {@link ErrorReportValve} (see {@link ApiErrorConfig}); other paths keep Tomcat's page, without the
 * report and the server version, as Spring Boot configures it.
 *
 * <p>A request whose request line Tomcat could not read at all has no path; it is answered as an
 * API request too, since a browser does not send such requests.
 */
public class ApiErrorReportValve extends ErrorReportValve {

    private volatile String contextPath = "";

    public ApiErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    void setContextPath(String contextPath) {
        this.contextPath = contextPath;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        String uri = request.getRequestURI();
        if (uri != null && !uri.isEmpty() && !ApiErrorFilter.isApi(uri, contextPath)) {
            super.report(request, response, throwable);
            return;
        }
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String reason = response.getMessage();
        String detail = "the server refused the request before the API saw it"
                + (reason == null || reason.isBlank() ? "" : " (" + ApiProblemWriter.shortened(reason) + ")")
                + (status == 400 ? "; the path must not hold an encoded '/', '\\' or NUL, and the request line and "
                        + "headers must fit the server's limit" : "");
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ApiProblemWriter.json(status, ApiProblemWriter.title(status), detail));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot be written: nothing left to tell anyone.
        } catch (Throwable t) {
            ExceptionUtils.handleThrowable(t);
        }
    }
}
