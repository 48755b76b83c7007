package dev.zscope.ingest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.zscope.engine.DetectionEngine;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Base of the API tests: the whole application with small limits (1,000 points, 64 KB, lines of
 * 1 KB), a bootstrap token, a configured write token and a configured read-only token, and MockMvc
 * with the security filters. The subclasses share this one Spring context. It runs on a real Tomcat
 * at a random port ({@link #port}), because what Tomcat refuses by itself never reaches MockMvc; in
 * production mode, as the other tests with a server, since development mode would start a frontend
 * build.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vaadin.productionMode=true",
        "zscope.engine.simulator-enabled=false",
        "ZSCOPE_ADMIN_PASSWORD=api-test-admin",
        "zscope.ingest.max-points=" + IngestApiTestBase.MAX_POINTS,
        "zscope.ingest.max-body-size=64KB",
        "zscope.ingest.max-line-length=" + IngestApiTestBase.MAX_LINE + "B",
        TokenService.BOOTSTRAP_VARIABLE + "=" + IngestApiTestBase.BOOTSTRAP})
abstract class IngestApiTestBase {

    static final int MAX_POINTS = 1000;
    static final int MAX_LINE = 1024;
    static final String BOOTSTRAP = "zs_bootstrap-token-for-the-api-tests";
    static final String WRITER = "zs_configured-writer-token-0123456789";
    static final String READER = "zs_configured-reader-token-0123456789";
    static final Path DATA_DIR = Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();
    private static final AtomicInteger STREAMS = new AtomicInteger();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("zscope.data-dir", DATA_DIR::toString);
        registry.add("zscope.ingest.tokens[0].name", () -> "collector");
        registry.add("zscope.ingest.tokens[0].sha256", () -> TokenSecrets.sha256(WRITER).toUpperCase());
        registry.add("zscope.ingest.tokens[0].scopes", () -> "write");
        registry.add("zscope.ingest.tokens[1].name", () -> "grafana");
        registry.add("zscope.ingest.tokens[1].sha256", () -> TokenSecrets.sha256(READER));
        registry.add("zscope.ingest.tokens[1].scopes", () -> "read");
    }

    @LocalServerPort
    int port;
    @Autowired
    WebApplicationContext context;
    @Autowired
    DetectionEngine engine;
    @Autowired
    TokenService tokens;

    MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        // Method security reads the application's strategy: asAdmin must write there, whether or not
        // a Karibu test ran before in this JVM (it installs the same one).
        org.springframework.security.core.context.SecurityContextHolder.setContextHolderStrategy(context.getBean(
                org.springframework.security.core.context.SecurityContextHolderStrategy.class));
    }

    /** A stream name no other test uses, so tests do not see each other's points. */
    static String freshStream() {
        return "test-" + STREAMS.incrementAndGet();
    }

    ResultActions postJson(String stream, String body) throws Exception {
        return post(stream, MediaType.APPLICATION_JSON_VALUE, body, BOOTSTRAP);
    }

    ResultActions postCsv(String stream, String body) throws Exception {
        return post(stream, "text/csv", body, BOOTSTRAP);
    }

    ResultActions post(String stream, String contentType, String body, String token) throws Exception {
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/v1/streams/{stream}/points", stream).content(body);
        if (contentType != null) {
            request.header(HttpHeaders.CONTENT_TYPE, contentType);
        }
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return mvc.perform(request);
    }

    ResultActions getStreams(String authorization) throws Exception {
        var request = get("/api/v1/streams");
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return mvc.perform(request);
    }

    /** A problem body with this status, a detail containing {@code detail}, and the row if > 0. */
    static ResultMatcher problem(int status, String detail, int row) {
        return result -> {
            status().is(status).match(result);
            content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).match(result);
            jsonPath("$.status").value(status).match(result);
            jsonPath("$.detail", containsString(detail)).match(result);
            if (row > 0) {
                jsonPath("$.row").value(row).match(result);
            }
        };
    }

    static ResultMatcher field(String field) {
        return jsonPath("$.field").value(field);
    }

    long points(String stream) {
        return engine.exists(stream) ? engine.status(stream).points() : -1;
    }

    static ResultMatcher acceptedStreams(String stream) {
        return jsonPath("$.streams[*].stream", hasItem(stream));
    }

    /** Runs {@code action} as an admin (token management takes one) and then acts as before. */
    static <T> T asAdmin(java.util.function.Supplier<T> action) {
        var context = org.springframework.security.core.context.SecurityContextHolder.getContext();
        var before = context.getAuthentication();
        context.setAuthentication(org.springframework.security.authentication.UsernamePasswordAuthenticationToken
                .authenticated("test-setup", null, java.util.List.of(
                        new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_ADMIN"))));
        try {
            return action.get();
        } finally {
            context.setAuthentication(before);
        }
    }
}
