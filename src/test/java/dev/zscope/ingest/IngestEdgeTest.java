package dev.zscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zscope.ingest.RawHttp.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every refusal at the API's edges is a problem body (application/problem+json), over a real socket
 * to the real Tomcat: never Tomcat's HTML page, never a redirect to the login page, and never an
 * ERROR in the log. Covers what Tomcat refuses by itself (encoded '/', '\' and NUL in the path, a
 * request line beyond the header limit, TRACE, an unreadable request line), what Spring Security's
 * firewall rejects, multipart bodies, and URLs and methods the API does not have.
 */
@ExtendWith(OutputCaptureExtension.class)
class IngestEdgeTest extends IngestApiTestBase {

    private static final String AUTH = "Authorization: Bearer " + BOOTSTRAP;
    private static final String JSON = "Content-Type: application/json";
    private static final byte[] POINT = RawHttp.utf8("{\"value\":1}");

    private RawHttp http;

    @BeforeEach
    void client() {
        http = new RawHttp(port);
    }

    private static Answer problem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.header("Location")).isNull();
        assertThat(answer.body()).contains("\"status\":" + status).contains("\"detail\":\"");
        return answer;
    }

    /**
     * No ERROR, and no stack trace of the servlet container's failed requests. (Tomcat logs its first
     * refusal of an oversized request line at INFO with a stack trace, then at DEBUG for a day: its
     * own, unconfigurable here.)
     */
    private static void noErrorLogged(CapturedOutput output) {
        assertThat(output.getOut() + output.getErr()).doesNotContain(" ERROR ").doesNotContain("Servlet.service()")
                .doesNotContain("RequestRejectedException");
    }

    /** Tomcat refuses these before any filter or servlet; its error report valve answers. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a%2Fb", "a%2fb", "a%00b", "a%5Cb"})
    void encodedSlashBackslashOrNulInThePathIsAProblemFromTomcat(String name, CapturedOutput output) throws Exception {
        Answer answer = problem(http.send("POST", "/api/v1/streams/" + name + "/points", POINT, AUTH, JSON), 400);
        assertThat(answer.body()).contains("before the API saw it").contains("encoded '/'");
        noErrorLogged(output);
    }

    /** Spring Security's firewall rejects these; the API answers with the firewall's reason. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/streams//points", "/api//v1/streams/x/points", "/api/v1/streams/../points",
            "/api/v1/streams/x/../y/points", "/api/v1/streams/%2e%2e/points", "/api/v1/streams/a%25b/points",
            "/api/v1/streams/a;b/points", "/api/v1/streams/a%3Bb/points", "/api/../actuator",
            "/api/v1/streams/a%2Eb/points"})
    void firewallRejectionsAreProblemsNotRedirectsToTheLoginPage(String target, CapturedOutput output)
            throws Exception {
        Answer answer = problem(http.send("POST", target, POINT, AUTH, JSON), 400);
        assertThat(answer.body()).contains("the URL is not accepted").contains("rejected because");
        // Without a token too: the URL is refused before anything else.
        problem(http.send("POST", target, POINT, JSON), 400);
        noErrorLogged(output);
    }

    @Test
    void aStreamNameOf10kBIsAProblem(CapturedOutput output) throws Exception {
        // Beyond Tomcat's 8 KB for the request line and headers: Tomcat refuses it before reading on.
        problem(http.send("POST", "/api/v1/streams/" + "x".repeat(10_000) + "/points", POINT, AUTH, JSON), 400);
        // Within it, the API itself refuses the name.
        Answer answer = problem(http.send("POST", "/api/v1/streams/" + "x".repeat(1_000) + "/points", POINT, AUTH,
                JSON), 400);
        assertThat(answer.body()).contains("invalid stream name");
        noErrorLogged(output);
    }

    @Test
    void anUnreadableRequestLineIsAProblem(CapturedOutput output) throws Exception {
        problem(http.sendRaw("GET /api/v1/streams\u0001 HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
        noErrorLogged(output);
    }

    @Test
    void multipartIsRefusedWith415MalformedOrNot(CapturedOutput output) throws Exception {
        String type = "Content-Type: multipart/form-data; boundary=zz";
        Answer malformed = problem(http.send("POST", "/api/v1/streams/x/points", RawHttp.utf8("--zz\r\nbroken"),
                AUTH, type), 415);
        assertThat(malformed.body()).contains("multipart");
        byte[] wellFormed = RawHttp.utf8("--zz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"p.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n1000,1\r\n--zz--\r\n");
        problem(http.send("POST", "/api/v1/streams/x/points", wellFormed, AUTH, type), 415);
        // The token is checked first.
        problem(http.send("POST", "/api/v1/streams/x/points", wellFormed, type), 401);
        assertThat(engine.exists("x")).isFalse();
        noErrorLogged(output);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/nothing", "/api", "/api/", "/api/v2/streams", "/api/v1/streams/x",
            "/api/v1/streams/x/points/", "/api/v1/streams/"})
    void anUnknownApiUrlIsA404Problem(String target, CapturedOutput output) throws Exception {
        Answer answer = problem(http.send("GET", target, null, AUTH, "Accept: text/html"), 404);
        assertThat(answer.body()).contains("the API has no");
        problem(http.send("GET", target, null), 401);
        noErrorLogged(output);
    }

    @Test
    void aWrongMethodIsA405ProblemWithAllow(CapturedOutput output) throws Exception {
        Answer put = problem(http.send("PUT", "/api/v1/streams/x/points", POINT, AUTH, JSON), 405);
        assertThat(put.header("Allow")).isEqualTo("GET, HEAD, POST");
        assertThat(put.body()).contains("PUT is not allowed on /api/v1/streams/x/points; use GET, HEAD, POST");
        assertThat(problem(http.send("DELETE", "/api/v1/streams", null, AUTH), 405).header("Allow"))
                .isEqualTo("GET, HEAD");
        assertThat(problem(http.send("POST", "/api/v1/streams", POINT, AUTH, JSON), 405).header("Allow"))
                .isEqualTo("GET, HEAD");
        // TRACE is refused by Tomcat itself; the answer still names the API's methods.
        assertThat(problem(http.send("TRACE", "/api/v1/streams/x/points", null, AUTH), 405).header("Allow"))
                .isEqualTo("GET, HEAD, POST");
        problem(http.send("TRACE", "/api/v1/nothing", null, AUTH), 404);
        Answer options = http.send("OPTIONS", "/api/v1/streams", null, AUTH);
        assertThat(options.status()).isEqualTo(204);
        assertThat(options.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
        noErrorLogged(output);
    }

    /** A client that sends less than it announced is at fault: 400, and nothing in the log at ERROR. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text/csv", "application/json"})
    void aBodyShorterThanItsContentLengthIs400(String type, CapturedOutput output) throws Exception {
        String stream = freshStream();
        Answer answer = http.sendShort("/api/v1/streams/" + stream + "/points", 1000,
                RawHttp.utf8(type.equals("text/csv") ? "1000,1\n2000,2\n" : "[{\"value\":1},"), AUTH,
                "Content-Type: " + type);
        problem(answer, 400);
        assertThat(engine.exists(stream)).isFalse();
        noErrorLogged(output);
    }

    /** A refusal is a problem body whatever the client accepts. */
    @Test
    void refusalsAreProblemsEvenForClientsThatAcceptOnlyHtml(CapturedOutput output) throws Exception {
        problem(http.send("POST", "/api/v1/streams/x/points", RawHttp.utf8("{\"value\":\"a\"}"), AUTH, JSON,
                "Accept: text/html"), 400);
        problem(http.send("POST", "/api/v1/streams/x/points", POINT, "Accept: text/html", JSON), 401);
        problem(http.send("POST", "/api/v1/streams/x/points", POINT, AUTH, "Accept: text/html",
                "Content-Type: text/plain"), 415);
        // Spring MVC's own refusal (it calls sendError): the list of streams has no CSV form.
        problem(http.send("GET", "/api/v1/streams", null, AUTH, "Accept: text/csv"), 406);
        noErrorLogged(output);
    }

    @Test
    void theApiStillWorksOverTheWire() throws Exception {
        String stream = freshStream();
        Answer written = http.send("POST", "/api/v1/streams/" + stream + "/points",
                RawHttp.utf8("\uFEFF[{\"timestamp\":1000,\"value\":1}]"), AUTH, JSON);
        assertThat(written.status()).as(written.toString()).isEqualTo(200);
        assertThat(written.body()).contains("\"accepted\":1");
        assertThat(http.send("GET", "/api/v1/streams", null, AUTH).body()).contains(stream);
        assertThat(http.send("HEAD", "/api/v1/streams", null, AUTH).status()).isEqualTo(200);
        Answer head = http.send("HEAD", "/api/v1/streams", null, "Authorization: Bearer " + WRITER);
        assertThat(head.status()).as("HEAD needs the read scope, as GET").isEqualTo(403);
        assertThat(head.header("Content-Type")).startsWith("application/problem+json");
    }

    /** A page of the UI keeps Tomcat's own answer: the API's error handling is the API's only. */
    @Test
    void otherPathsKeepTheirOwnAnswers() throws Exception {
        Answer page = http.send("GET", "/nothing%2Fhere", null);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        String type = http.send("GET", "/about//x", null).header("Content-Type");
        assertThat(type == null || !type.startsWith("application/problem")).as(type).isTrue();
    }
}
