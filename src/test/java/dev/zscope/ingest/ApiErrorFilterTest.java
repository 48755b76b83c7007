package dev.zscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** The filter on its own: which requests are the API's, and each way an answer becomes a problem body. */
@ExtendWith(OutputCaptureExtension.class)
class ApiErrorFilterTest {

    private final ApiErrorFilter filter = new ApiErrorFilter(new StrictHttpFirewall());

    private static MockHttpServletRequest request(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.setRequestURI(uri);
        return request;
    }

    private MockHttpServletResponse run(MockHttpServletRequest request, FilterChain chain) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }

    private static void isProblem(MockHttpServletResponse response, int status, String detail) throws Exception {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"status\":" + status).contains(detail);
        assertThat(response.getErrorMessage()).as("no container error page").isNull();
    }

    @Test
    void theApiIsWhatStartsWithApiAsSent() {
        assertThat(ApiErrorFilter.isApi("/api", "")).isTrue();
        assertThat(ApiErrorFilter.isApi("/api/v1/streams", "")).isTrue();
        assertThat(ApiErrorFilter.isApi("/api//v1", "")).isTrue();
        assertThat(ApiErrorFilter.isApi("/api/../x", "")).isTrue();
        assertThat(ApiErrorFilter.isApi("/zscope/api/v1/streams", "/zscope")).isTrue();
        assertThat(ApiErrorFilter.isApi("/apiary", "")).isFalse();
        assertThat(ApiErrorFilter.isApi("/x/api/v1", "")).isFalse();
        assertThat(ApiErrorFilter.isApi("/api/v1", "/zscope")).isFalse();
        assertThat(ApiErrorFilter.isApi(null, "")).isFalse();
    }

    @Test
    void sendErrorBehindItIsAProblemBodyWithTheHeadersSetBefore() throws Exception {
        MockHttpServletResponse response = run(request("/api/v1/streams"), (req, res) -> {
            ((HttpServletResponse) res).setHeader("Vary", "Accept");
            ((HttpServletResponse) res).sendError(406);
        });
        isProblem(response, 406, "\"detail\":\"not acceptable\"");
        assertThat(response.getHeader("Vary")).isEqualTo("Accept");
        assertThat(response.isCommitted()).isTrue();
        isProblem(run(request("/api/v1/streams"), (req, res) -> ((HttpServletResponse) res).sendError(400,
                "Bad \"quoted\" thing.")), 400, "Bad \\\"quoted\\\" thing\"");
    }

    @Test
    void aFirewallRejectionIsA400WithItsReasonAndNoError(CapturedOutput output) throws Exception {
        boolean[] reached = {false};
        isProblem(run(request("/api/v1/streams//x/points"), (req, res) -> reached[0] = true), 400,
                "potentially malicious String \\\"//\\\"");
        assertThat(reached[0]).as("refused before the chain").isFalse();
        // Thrown from behind (a stricter firewall than this one, e.g.): the same answer.
        isProblem(run(request("/api/v1/streams"), (req, res) -> {
            throw new RequestRejectedException("no thanks");
        }), 400, "the URL is not accepted: no thanks");
        assertThat(output.getAll()).doesNotContain("ERROR");
    }

    @Test
    void anyOtherExceptionIsA500ProblemAndAnErrorInTheLog(CapturedOutput output) throws Exception {
        isProblem(run(request("/api/v1/streams"), (req, res) -> {
            throw new IllegalStateException("a bug");
        }), 500, "see its log");
        assertThat(output.getAll()).contains("ERROR").contains("API request POST /api/v1/streams failed")
                .contains("a bug");
    }

    @Test
    void theContainersErrorPageForAnApiRequestIsAProblem() throws Exception {
        MockHttpServletRequest error = new MockHttpServletRequest("TRACE", "/error");
        error.setDispatcherType(DispatcherType.ERROR);
        error.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/streams");
        error.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 405);
        MockHttpServletResponse response = run(error, (req, res) -> {
            throw new AssertionError("the error page must not be rendered");
        });
        isProblem(response, 405, "TRACE is not allowed on /api/v1/streams; use GET, HEAD");
        assertThat(response.getHeader("Allow")).isEqualTo("GET, HEAD");

        error.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 503);
        error.setAttribute(RequestDispatcher.ERROR_MESSAGE, "busy");
        isProblem(run(error, (req, res) -> { }), 503, "\"detail\":\"busy\"");
    }

    @Test
    void otherPathsPassUntouched() throws Exception {
        MockHttpServletResponse response = run(request("/streams"), (req, res) -> ((HttpServletResponse) res)
                .sendError(404));
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getErrorMessage()).isNull();
        assertThat(response.getContentAsString()).isEmpty();
        assertThat(response.getContentType()).isNull();
    }
}
