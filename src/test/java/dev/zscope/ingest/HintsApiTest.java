package dev.zscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.zscope.detection.StreamHints;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** {@code PUT} and {@code GET /api/v1/streams/{stream}/hints}: what the detector then runs with. */
class HintsApiTest extends IngestApiTestBase {

    private ResultActions putHints(String stream, String body, String token) throws Exception {
        return mvc.perform(put("/api/v1/streams/{stream}/hints", stream).content(body)
                .contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    }

    @Test
    void hintsDeclaredBeforeTheFirstPointAreWhatTheDefaultDetectorRunsWith() throws Exception {
        String stream = freshStream();
        putHints(stream, "{\"min\": 0, \"max\": 100, \"period\": 1440}", WRITER)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stream").value(stream))
                .andExpect(jsonPath("$.min").value(0.0))
                .andExpect(jsonPath("$.max").value(100.0))
                .andExpect(jsonPath("$.period").value(1440))
                .andExpect(jsonPath("$.used").value(true));

        assertThat(engine.hints(stream)).isEqualTo(new StreamHints(0, 100, 1440));
        mvc.perform(get("/api/v1/streams/{stream}/hints", stream).header(HttpHeaders.AUTHORIZATION, "Bearer " + READER))
                .andExpect(status().isOk()).andExpect(jsonPath("$.period").value(1440));

        putHints(stream, "{\"max\": null}", WRITER).andExpect(status().isOk())
                .andExpect(jsonPath("$.min").doesNotExist()).andExpect(jsonPath("$.period").doesNotExist());
        assertThat(engine.hints(stream)).isEqualTo(StreamHints.none());
    }

    @Test
    void invalidHintsAreRefusedWithAProblemNamingTheFieldAndChangeNothing() throws Exception {
        String stream = freshStream();
        putHints(stream, "{\"min\": 5, \"max\": 10}", WRITER).andExpect(status().isOk());
        for (String[] bad : new String[][] {
                {"{\"min\": 10, \"max\": 5}", "max"},
                {"{\"period\": 0}", "period"},
                {"{\"period\": 1.5}", "period"},
                {"{\"min\": \"low\"}", "min"},
                {"{\"length\": 100}", "length"},
                {"[1, 2]", null},
                {"{\"min\": ", null}}) {
            ResultActions answer = putHints(stream, bad[0], WRITER).andExpect(status().isBadRequest())
                    .andExpect(header().string(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE));
            if (bad[1] != null) {
                answer.andExpect(jsonPath("$.field").value(bad[1]));
            }
        }
        assertThat(engine.hints(stream)).isEqualTo(new StreamHints(5, 10, 0));
    }

    @Test
    void writingHintsNeedsTheWriteScopeAndReadingThemTheReadScope() throws Exception {
        String stream = freshStream();
        putHints(stream, "{}", READER).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/streams/{stream}/hints", "never-seen").header(HttpHeaders.AUTHORIZATION,
                "Bearer " + READER)).andExpect(status().isNotFound());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .delete("/api/v1/streams/{stream}/hints", stream)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + WRITER))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string(HttpHeaders.ALLOW, "GET, HEAD, PUT"));
    }
}
