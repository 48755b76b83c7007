package dev.zscope.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.zscope.KaribuTest;
import dev.zscope.engine.Anomaly;
import dev.zscope.ingest.Scope;
import dev.zscope.ingest.TokenService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The alert API through the real security chain: read and write scopes, Alertmanager's silence body,
 * problem bodies. It shares the browserless UI tests' application context (tokens made here).
 */
class AlertApiTest extends KaribuTest {

    private static String writer;
    private static String reader;

    @Autowired
    WebApplicationContext context;
    @Autowired
    TokenService tokens;
    @Autowired
    AlertRuntime runtime;
    @Autowired
    AlertService alerts;

    MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        if (writer == null) {
            asAdmin(() -> {
                writer = tokens.create("alert-api-writer", Set.of(Scope.WRITE)).secret();
                reader = tokens.create("alert-api-reader", Set.of(Scope.READ)).secret();
            });
        }
    }

    private static String bearer(String token) {
        return "Bearer " + (token.equals("WRITER") ? writer : reader);
    }

    private void fire(String stream) {
        Anomaly a = new Anomaly(Instant.now(), stream, 93.5, 8, 0.999, 10, 8, 12, 1, 8, 3, 100, "zscore");
        runtime.evaluator.intake().kept(List.of(a), runtime.clock.millis());
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts.openFor(stream).isPresent());
    }

    @Test
    void aReadTokenListsAlertsWithStateFlagsTimesSeverityAndAcknowledgement() throws Exception {
        fire("api-cpu");
        mvc.perform(get("/api/v1/alerts").param("stream", "api-cpu").header(HttpHeaders.AUTHORIZATION, bearer("READER")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.alerts[0].stream").value("api-cpu"))
                .andExpect(jsonPath("$.alerts[0].state").value("firing"))
                .andExpect(jsonPath("$.alerts[0].flags").isArray())
                .andExpect(jsonPath("$.alerts[0].startsAt").isString())
                .andExpect(jsonPath("$.alerts[0].endsAt").isEmpty())
                .andExpect(jsonPath("$.alerts[0].last.value").value(93.5))
                .andExpect(jsonPath("$.alerts[0].acknowledgement").isEmpty())
                .andExpect(jsonPath("$.alerts[0]", org.hamcrest.Matchers.hasKey("lastSeverity")));
        mvc.perform(get("/api/v1/alerts").param("state", "resolved,pending").param("stream", "api-cpu")
                        .header(HttpHeaders.AUTHORIZATION, bearer("READER")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void theApiRefusesBadQueriesAndMissingScopesWithProblemBodies() throws Exception {
        mvc.perform(get("/api/v1/alerts").param("state", "burning").header(HttpHeaders.AUTHORIZATION, bearer("READER")))
                .andExpect(problem(400, "unknown alert state 'burning'"));
        mvc.perform(get("/api/v1/alerts").param("limit", "100000").header(HttpHeaders.AUTHORIZATION, bearer("READER")))
                .andExpect(problem(400, "limit must be a whole number from 0 to 1000"));
        mvc.perform(get("/api/v1/alerts")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/silences").contentType(MediaType.APPLICATION_JSON).content("{}")
                        .header(HttpHeaders.AUTHORIZATION, bearer("READER")))
                .andExpect(status().isForbidden()).andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE,
                        containsString("scope=\"write\"")));
        mvc.perform(delete("/api/v1/silences/x").header(HttpHeaders.AUTHORIZATION, bearer("READER")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/alerts").header(HttpHeaders.AUTHORIZATION, bearer("WRITER")))
                .andExpect(status().isMethodNotAllowed()).andExpect(header().string(HttpHeaders.ALLOW, "GET, HEAD"));
        mvc.perform(delete("/api/v1/silences/" + UUID.randomUUID()).header(HttpHeaders.AUTHORIZATION, bearer("WRITER")))
                .andExpect(problem(404, "there is no silence"));
    }

    @Test
    void aWriteTokenSilencesInAlertmanagersFormatAndEndsTheSilence() throws Exception {
        Instant now = Instant.ofEpochMilli(runtime.clock.millis());
        String body = """
                {"matchers": [{"name": "stream", "value": "api-db-*", "isRegex": false, "isEqual": true}],
                 "startsAt": "%s", "endsAt": "%s", "createdBy": "ci", "comment": "deploy"}"""
                .formatted(now.minusSeconds(1), now.plus(Duration.ofHours(1)));
        String answer = mvc.perform(post("/api/v1/silences").contentType(MediaType.APPLICATION_JSON).content(body)
                        .header(HttpHeaders.AUTHORIZATION, bearer("WRITER")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.silenceID").isString())
                .andReturn().getResponse().getContentAsString();
        String id = Receiver.JSON.readTree(answer).get("silenceID").asString();

        fire("api-db-1");
        assertThat(alerts.openFor("api-db-1").orElseThrow().silencedBy()).startsWith("silence " + id.substring(0, 8))
                .contains("ci");
        mvc.perform(get("/api/v1/silences").header(HttpHeaders.AUTHORIZATION, bearer("READER")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == '" + id + "')].status.state").value("active"))
                .andExpect(jsonPath("$[?(@.id == '" + id + "')].matchers[0].value").value("api-db-*"));

        mvc.perform(delete("/api/v1/silences/" + id).header(HttpHeaders.AUTHORIZATION, bearer("WRITER")))
                .andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(10)).until(() -> !alerts.openFor("api-db-1").orElseThrow().silenced());
    }

    @Test
    void badSilencesAreRefusedWithWhatIsWrong() throws Exception {
        String ok = "\"startsAt\": \"2026-01-01T00:00:00Z\", \"endsAt\": \"2099-01-01T00:00:00Z\"";
        for (String[] bad : new String[][] {
                {"{\"matchers\": []," + ok + "}", "a silence needs 1 to 20 matchers"},
                {"{\"matchers\": [{\"name\": \"host\", \"value\": \"x\"}]," + ok + "}", "'stream' or 'alertname'"},
                {"{\"matchers\": [{\"name\": \"stream\", \"value\": \"(\", \"isRegex\": true}]," + ok + "}",
                        "does not compile"},
                {"{\"matchers\": [{\"name\": \"stream\", \"value\": \"x\"}], \"startsAt\": \"yesterday\", \"endsAt\":"
                        + " \"2099-01-01T00:00:00Z\"}", "startsAt must be an RFC 3339 time"},
                {"{\"matchers\": [{\"name\": \"stream\", \"value\": \"x\"}], \"startsAt\": \"2026-01-01T00:00:00Z\","
                        + " \"endsAt\": \"2025-01-01T00:00:00Z\"}", "must end after it starts"},
                {"[1, 2]", "must be a JSON object"},
                {"{\"matchers\": ", "not valid JSON"}}) {
            mvc.perform(post("/api/v1/silences").contentType(MediaType.APPLICATION_JSON).content(bad[0])
                    .header(HttpHeaders.AUTHORIZATION, bearer("WRITER"))).andExpect(problem(400, bad[1]));
        }
        mvc.perform(post("/api/v1/silences").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\": \"" + "x".repeat(70_000) + "\"}")
                        .header(HttpHeaders.AUTHORIZATION, bearer("WRITER")))
                .andExpect(problem(413, "at most 64 KB"));
    }

    static ResultMatcher problem(int status, String detail) {
        return result -> {
            status().is(status).match(result);
            content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).match(result);
            jsonPath("$.detail").value(containsString(detail)).match(result);
        };
    }
}
