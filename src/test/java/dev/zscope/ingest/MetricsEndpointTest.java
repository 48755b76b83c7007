package dev.zscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.zscope.anomaly.AnomalyService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * {@code /actuator/prometheus} and {@code /actuator/health} over the wire: who may read them, what
 * they say, and that nothing else of the actuator answers.
 */
class MetricsEndpointTest extends IngestApiTestBase {

    @Autowired
    AnomalyService anomalies;

    private String scrape(String token) throws Exception {
        return mvc.perform(get("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void prometheusNeedsAReadToken() throws Exception {
        mvc.perform(get("/actuator/prometheus")).andExpect(problem(401, "bearer token is required", 0))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"zscope\""));
        mvc.perform(get("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + WRITER))
                .andExpect(problem(403, "lacks the 'read' scope", 0));
        mvc.perform(get("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer nope-nope"))
                .andExpect(problem(401, "unknown or revoked", 0));
        assertThat(scrape(READER)).contains("zscope_streams");
    }

    @Test
    void pointsAnomaliesAndIngestAreCountedPerStreamAndReason() throws Exception {
        String stream = freshStream();
        postJson(stream, "[{\"timestamp\":1000,\"value\":1},{\"timestamp\":2000,\"value\":2}]")
                .andExpect(status().isOk());
        postJson(stream, "{\"timestamp\":1500,\"value\":1}").andExpect(status().is(409));
        post(stream, MediaType.APPLICATION_JSON_VALUE, "{\"value\":1}", null).andExpect(status().is(401));

        // a new stream gets its series at the next registration round (every few seconds)
        String series = "zscope_points_total{stream=\"" + stream + "\"}";
        await().atMost(Duration.ofSeconds(15)).until(() -> value(scrape(READER), series) == 2);
        String text = scrape(READER);
        assertThat(value(text, "zscope_anomalies_total{stream=\"" + stream + "\"}")).isZero();
        assertThat(value(text, "zscope_anomalies_total{stream=\"(other)\"}")).isZero();
        assertThat(value(text, "zscope_ingest_rejections_total{reason=\"point_out_of_order\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(text, "zscope_ingest_rejections_total{reason=\"unauthorized\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(text, "zscope_ingest_requests_total{outcome=\"accepted\"}")).isGreaterThanOrEqualTo(1);
        for (String meter : new String[] {"zscope_engine_lag_seconds", "zscope_engine_queued",
                "zscope_engine_dropped_updates_total", "zscope_store_write_failures_total{store=\"log\"}",
                "zscope_store_write_failures_total{store=\"database\"}", "zscope_detector_state_bytes",
                "zscope_alerts_firing", "zscope_streams"}) {
            assertThat(value(text, meter)).as(meter).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void healthAnswersAnyoneWithItsStatusOnly() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist())
                .andExpect(jsonPath("$.details").doesNotExist());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        assertThat(anomalies.health().ok()).isTrue();
    }

    @Test
    void nothingElseOfTheActuatorAnswers() throws Exception {
        for (String path : new String[] {"/actuator", "/actuator/env", "/actuator/beans", "/actuator/metrics",
                "/actuator/heapdump", "/actuator/loggers", "/actuator/info"}) {
            int anonymous = mvc.perform(get(path)).andReturn().getResponse().getStatus();
            int withToken = mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + READER))
                    .andReturn().getResponse().getStatus();
            assertThat(anonymous).as(path).isEqualTo(401);
            assertThat(withToken).as(path).isIn(403, 404);
        }
    }

    /** Over the wire too: the text format Prometheus reads, with the bearer token it sends. */
    @Test
    void realScrapeOverHttp() throws Exception {
        NewToken token = asAdmin(() -> tokens.create("prometheus", EnumSet.of(Scope.READ)));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + token.secret())
                .header("Accept", "text/plain;version=0.0.4").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("# TYPE zscope_points_total counter");
    }

    /** The value of the sample line starting with {@code series}, or -1 when there is none. */
    static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        if (!m.find()) {
            // a series without tags is printed without braces; with several tags, match by prefix
            Matcher prefix = Pattern.compile("(?m)^" + Pattern.quote(series.replace("}", "")) + "[,}][^ ]* (\\S+)$")
                    .matcher(text);
            return prefix.find() ? Double.parseDouble(prefix.group(1)) : -1;
        }
        return Double.parseDouble(m.group(1));
    }
}
