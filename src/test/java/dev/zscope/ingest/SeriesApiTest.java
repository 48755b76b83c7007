package dev.zscope.ingest;

import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.history.HistoryService;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.ResultActions;

/** {@code GET /api/v1/streams/{stream}/points}: the point store read back, thinned, anomalies kept. */
class SeriesApiTest extends IngestApiTestBase {

    static final long T0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();

    @Autowired
    HistoryService history;

    /** 600 points a second apart (ten minutes), values 0..9, a spike at 450 s; written to the store. */
    private String tenMinutes() throws Exception {
        String stream = freshStream();
        engine.process(stream, T0 - 1, 0, false);
        engine.applyDetector(stream, new DetectorChoice("zscore", Map.of()));
        for (int i = 0; i < 600; i++) {
            engine.process(stream, T0 + i * 1000L, i == 450 ? 1000 : i % 10, false);
        }
        history.flush().get(30, TimeUnit.SECONDS);
        return stream;
    }

    private ResultActions read(String stream, String token, String... params) throws Exception {
        var request = get("/api/v1/streams/{stream}/points", stream);
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return mvc.perform(request);
    }

    @Test
    void aReadTokenGetsOneSummaryPerStepAndEveryAnomaly() throws Exception {
        String stream = tenMinutes();
        read(stream, READER, "from", "2026-03-01T00:00:00Z", "to", Long.toString(T0 + 599_000), "step", "PT1M")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stream").value(stream))
                .andExpect(jsonPath("$.from").value("2026-03-01T00:00:00Z"))
                .andExpect(jsonPath("$.to").value("2026-03-01T00:09:59Z"))
                .andExpect(jsonPath("$.step").value(60_000))
                .andExpect(jsonPath("$.points.length()").value(10))
                .andExpect(jsonPath("$.points[0].time").value("2026-03-01T00:00:00Z"))
                .andExpect(jsonPath("$.points[0].count").value(60))
                .andExpect(jsonPath("$.points[0].min").value(0.0))
                .andExpect(jsonPath("$.points[0].max").value(9.0))
                .andExpect(jsonPath("$.points[0].mean").value(4.5))
                .andExpect(jsonPath("$.points[7].max").value(1000.0))
                .andExpect(jsonPath("$.anomalies.length()").value(1))
                .andExpect(jsonPath("$.anomalies[0].time").value("2026-03-01T00:07:30Z"))
                .andExpect(jsonPath("$.anomalies[0].value").value(1000.0))
                .andExpect(jsonPath("$.anomalies[0].expected").isNumber())
                .andExpect(jsonPath("$.anomalies[0].severity").value(org.hamcrest.Matchers.both(
                        org.hamcrest.Matchers.greaterThan(0.9)).and(org.hamcrest.Matchers.lessThanOrEqualTo(1.0))))
                .andExpect(jsonPath("$.anomaliesTruncated").value(false));
        read(stream, READER, "from", Long.toString(T0), "to", Long.toString(T0 + 9_000), "step", "1s")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.points.length()").value(10))
                .andExpect(jsonPath("$.points[9].last").value(9.0))
                .andExpect(jsonPath("$.points[0].expected").value(nullValue()));
    }

    @Test
    void withoutAStepTheRangeIsCutIntoAThousandAndWithoutFromTheLastHour() throws Exception {
        String stream = tenMinutes();
        read(stream, READER, "from", "2026-03-01T01:00:00+01:00", "to", "2026-03-01T00:09:59.999Z")
                .andExpect(status().isOk()).andExpect(jsonPath("$.step").value(600))
                .andExpect(jsonPath("$.points.length()").value(600));
        // an unencoded '+' of an offset arrives as a space
        read(stream, READER, "from", "2026-03-01T01:00:00 01:00", "to", "2026-03-01T01:09:59 01:00", "step", "60000")
                .andExpect(status().isOk()).andExpect(jsonPath("$.points.length()").value(10));
        read(stream, READER, "to", "2026-03-01T00:30:00Z")
                .andExpect(status().isOk()).andExpect(jsonPath("$.from").value("2026-02-28T23:30:00Z"));
    }

    @Test
    void badParametersAreProblemBodiesNamingTheParameter() throws Exception {
        String stream = tenMinutes();
        read(stream, READER, "from", "yesterday").andExpect(problem(400, "'from': malformed timestamp 'yesterday'", 0))
                .andExpect(field("from"));
        read(stream, READER, "from", "2026-03-01T00:00:00").andExpect(problem(400, "with an offset", 0));
        read(stream, READER, "from", Long.toString(T0 + 1), "to", Long.toString(T0))
                .andExpect(problem(400, "is after 'to'", 0)).andExpect(field("from"));
        read(stream, READER, "step", "0").andExpect(problem(400, "'step' must be at least 1 ms", 0)).andExpect(field("step"));
        read(stream, READER, "step", "often").andExpect(problem(400, "is not a duration", 0));
        read(stream, READER, "from", Long.toString(T0), "to", Long.toString(T0 + 86_400_000), "step", "1s")
                .andExpect(problem(400, "choose a step of at least 8641 ms", 0));
        read("no-such-stream", READER).andExpect(problem(404, "no stream called 'no-such-stream'", 0));
        read("bad name", READER).andExpect(problem(400, "invalid stream name", 0));
    }

    @Test
    void readingTakesTheReadScope() throws Exception {
        String stream = tenMinutes();
        read(stream, WRITER).andExpect(problem(403, "lacks the 'read' scope", 0));
        read(stream, null).andExpect(problem(401, "bearer token is required", 0));
        read(stream, BOOTSTRAP).andExpect(status().isOk());
    }
}
