package dev.zscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.zscope.anomaly.AnomalyService;
import dev.zscope.anomaly.TestAnomalies;
import dev.zscope.engine.Anomaly;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@code GET /api/v1/anomalies} over the application: every parameter, paging by cursor, JSON and
 * CSV, refusals as problem bodies, and who may read. The stores themselves are covered against H2
 * and PostgreSQL by {@code AnomalyCursorContract}.
 */
class AnomaliesApiTest extends IngestApiTestBase {

    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

    @Autowired
    AnomalyService anomalies;

    /** {@code n} anomalies of a fresh stream, one a minute from {@link #T0}; value i, score i + 3. */
    private String streamWith(int n) {
        String stream = freshStream();
        List<Anomaly> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(TestAnomalies.zscore(T0.plusSeconds(60L * i), stream, i, 0.5, 1, i + 3, 3, 100, "zscore"));
        }
        anomalies.record(list).join();
        return stream;
    }

    private ResultActions read(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, "Bearer " + READER));
    }

    @Test
    void newestFirstWithEveryFieldOfTheIssue() throws Exception {
        String stream = streamWith(3);
        read(get("/api/v1/anomalies").param("stream", stream))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.anomalies.length()").value(3))
                .andExpect(jsonPath("$.anomalies[0].stream").value(stream))
                .andExpect(jsonPath("$.anomalies[0].time").value("2024-05-01T12:02:00Z"))
                .andExpect(jsonPath("$.anomalies[0].value").value(2.0))
                .andExpect(jsonPath("$.anomalies[0].score").value(5.0))
                .andExpect(jsonPath("$.anomalies[0].expected").value(0.5))
                .andExpect(jsonPath("$.anomalies[0].lower").value(-2.5))
                .andExpect(jsonPath("$.anomalies[0].upper").value(3.5))
                .andExpect(jsonPath("$.anomalies[0].detector").value("zscore"))
                .andExpect(jsonPath("$.anomalies[0].severity").value(org.hamcrest.Matchers.closeTo(1 - Math.exp(-5), 1e-9)))
                .andExpect(jsonPath("$.anomalies[2].time").value("2024-05-01T12:00:00Z"))
                .andExpect(jsonPath("$.nextCursor").value(nullValue()))
                .andExpect(header().doesNotExist(AnomaliesController.NEXT_CURSOR));
    }

    @Test
    void noParametersListsEveryStreamNewestFirstWithTheDefaultLimit() throws Exception {
        streamWith(60);
        streamWith(60);
        String body = read(get("/api/v1/anomalies")).andExpect(status().isOk())
                .andExpect(jsonPath("$.anomalies.length()").value(AnomaliesController.DEFAULT_LIMIT))
                .andExpect(jsonPath("$.nextCursor").isString())
                .andReturn().getResponse().getContentAsString();
        List<String> times = JsonPath.read(body, "$.anomalies[*].time");
        assertThat(times).isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
    }

    @Test
    void cursorPagesJoinWithoutRepeatsOrGaps() throws Exception {
        String stream = streamWith(25);
        List<Double> values = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = get("/api/v1/anomalies").param("stream", stream).param("limit", "7");
            if (cursor != null) {
                request.param("cursor", cursor);
            }
            String body = read(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            List<Double> page = JsonPath.read(body, "$.anomalies[*].value");
            values.addAll(page);
            cursor = JsonPath.read(body, "$.nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(4);
        List<Double> expected = new ArrayList<>();
        for (int i = 24; i >= 0; i--) {
            expected.add((double) i);
        }
        assertThat(values).containsExactlyElementsOf(expected);
    }

    @Test
    void fromIsInclusiveToExclusiveInIsoOrEpochMilliseconds() throws Exception {
        String stream = streamWith(10);
        read(get("/api/v1/anomalies").param("stream", stream).param("from", "2024-05-01T12:02:00Z")
                .param("to", Long.toString(T0.plusSeconds(300).toEpochMilli())))
                .andExpect(jsonPath("$.anomalies[*].value").value(org.hamcrest.Matchers.contains(4.0, 3.0, 2.0)));
        read(get("/api/v1/anomalies").param("stream", stream).param("from", "2024-05-01T14:00:00+02:00")
                .param("limit", "2"))
                .andExpect(jsonPath("$.anomalies[*].value").value(org.hamcrest.Matchers.contains(9.0, 8.0)));
    }

    @Test
    void minSeverityKeepsOnlyAnomaliesAtLeastThatSevere() throws Exception {
        String stream = streamWith(3);
        read(get("/api/v1/anomalies").param("stream", stream).param("minSeverity", "0"))
                .andExpect(jsonPath("$.anomalies.length()").value(3));
        // severities 1 - e^-3, 1 - e^-4, 1 - e^-5 = 0.950, 0.982, 0.993
        read(get("/api/v1/anomalies").param("stream", stream).param("minSeverity", "0.98"))
                .andExpect(jsonPath("$.anomalies[*].value").value(org.hamcrest.Matchers.contains(2.0, 1.0)));
        read(get("/api/v1/anomalies").param("stream", stream).param("minSeverity", "1"))
                .andExpect(jsonPath("$.anomalies.length()").value(0));
        read(get("/api/v1/anomalies").param("stream", stream).param("minSeverity", "1.5"))
                .andExpect(problem(400, "minSeverity", 0)).andExpect(field("minSeverity"));
    }

    @Test
    void csvWithAcceptTextCsvAndTheCursorInAHeader() throws Exception {
        String stream = streamWith(3);
        var result = read(get("/api/v1/anomalies").param("stream", stream).param("limit", "2")
                .header(HttpHeaders.ACCEPT, "text/csv"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().exists(AnomaliesController.NEXT_CURSOR))
                .andReturn().getResponse();
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(result.getContentAsString())).getRecords();
        assertThat(rows).hasSize(2);
        assertThat(rows.getFirst().toMap()).containsEntry("stream", stream).containsEntry("time", "2024-05-01T12:02:00Z")
                .containsEntry("value", "2.0").containsEntry("score", "5.0").containsEntry("severity", Double.toString(1 - Math.exp(-5)))
                .containsEntry("detector", "zscore").containsKeys("expected", "lower", "upper");
        String next = result.getHeader(AnomaliesController.NEXT_CURSOR);
        String last = read(get("/api/v1/anomalies").param("stream", stream).param("limit", "2").param("cursor", next)
                .header(HttpHeaders.ACCEPT, "text/csv;q=1, application/json;q=0.5"))
                .andExpect(header().doesNotExist(AnomaliesController.NEXT_CURSOR))
                .andReturn().getResponse().getContentAsString();
        assertThat(last.lines()).hasSize(2).last().asString().startsWith(stream + ",2024-05-01T12:00:00Z,0.0");
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() throws Exception {
        read(get("/api/v1/anomalies").param("from", "yesterday")).andExpect(problem(400, "from: malformed", 0))
                .andExpect(field("from"));
        read(get("/api/v1/anomalies").param("limit", "0")).andExpect(problem(400, "limit", 0));
        read(get("/api/v1/anomalies").param("limit", "10001")).andExpect(problem(400, "limit", 0));
        read(get("/api/v1/anomalies").param("stream", "a b")).andExpect(problem(400, "stream", 0));
        read(get("/api/v1/anomalies").param("cursor", "bm9wZQ")).andExpect(problem(400, "cursor", 0));
        read(get("/api/v1/anomalies").header(HttpHeaders.ACCEPT, "application/xml")).andExpect(problem(406, "neither", 0));
    }

    @Test
    void readScopeIsNeeded() throws Exception {
        mvc.perform(get("/api/v1/anomalies")).andExpect(problem(401, "bearer token is required", 0));
        mvc.perform(get("/api/v1/anomalies").header(HttpHeaders.AUTHORIZATION, "Bearer " + WRITER))
                .andExpect(problem(403, "lacks the 'read' scope", 0));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/anomalies")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP))
                .andExpect(problem(405, "use GET, HEAD", 0));
    }
}
