package dev.zscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a body can be wrong gets its 4xx, a problem body naming the row, and writes nothing. */
class IngestBadInputTest extends IngestApiTestBase {

    @ParameterizedTest(name = "JSON {0}")
    @CsvSource(delimiter = '|', value = {
            "non-numeric value | [{\"value\":1},{\"value\":\"abc\"}]                | 2 | value     | not a number",
            "numeric string    | [{\"value\":\"1.5\"}]                            | 1 | value     | must be a JSON number",
            "boolean value     | [{\"value\":1},{\"value\":1},{\"value\":true}]   | 3 | value     | non-numeric value",
            "NaN token         | [{\"value\":1},{\"value\":NaN}]                  | 2 | value     | NaN",
            "NaN string        | [{\"value\":\"NaN\"}]                            | 1 | value     | NaN",
            "infinite token    | [{\"value\":-Infinity}]                          | 1 | value     | infinite",
            "too large         | [{\"value\":1},{\"value\":1e400}]                | 2 | value     | infinite",
            "missing value     | [{\"value\":1},{\"timestamp\":5}]                | 2 | value     | missing value",
            "null value        | [{\"value\":null}]                               | 1 | value     | missing value",
            "bad timestamp     | [{\"timestamp\":\"yesterday\",\"value\":1}]      | 1 | timestamp | malformed timestamp",
            "no offset         | [{\"timestamp\":\"2024-05-01T12:00:00\",\"value\":1}] | 1 | timestamp | malformed timestamp",
            "bad date          | [{\"timestamp\":\"2024-02-30 12:00:00\",\"value\":1}] | 1 | timestamp | malformed timestamp",
            "fractional millis | [{\"timestamp\":1.5,\"value\":1}]                | 1 | timestamp | whole number",
            "unknown member    | [{\"value\":1,\"tags\":2}]                       | 1 | tags      | unknown member",
            "duplicate member  | [{\"value\":1,\"value\":2}]                      | 1 | value     | twice",
            "not an object     | [{\"value\":1},3]                                | 2 | point     | expected an object"})
    void badJsonRowsAre400WithRowAndField(String name, String body, int row, String field, String reason)
            throws Exception {
        String stream = freshStream();
        postJson(stream, body).andExpect(problem(400, "row " + row, row)).andExpect(field(field))
                .andExpect(jsonPath("$.detail", org.hamcrest.Matchers.containsString(reason)))
                .andExpect(jsonPath("$.detail", org.hamcrest.Matchers.containsString("nothing was written")));
        assertThat(engine.exists(stream)).as("no stream created by a refused batch").isFalse();
    }

    @ParameterizedTest(name = "CSV {0}")
    @CsvSource(delimiter = '|', value = {
            "non-numeric value | 1000,1\\n2000,abc            | 2 | value     | not a number",
            "NaN               | timestamp,value\\n1000,NaN   | 1 | value     | NaN",
            "infinite          | 1000,1\\n2000,2\\n3000,-Infinity | 3 | value  | infinite",
            "hex value         | 1000,0x1p3                   | 1 | value     | not a number",
            "missing value     | 1000,                        | 1 | value     | missing value",
            "bad timestamp     | 2024-05-01T12:00,1           | 1 | timestamp | malformed timestamp",
            "three cells       | 1000,1,2                     | 1 | point     | expected 2 cells",
            "one cell          | 1000,1\\n5                   | 2 | point     | expected 2 cells"})
    void badCsvRowsAre400WithRowAndField(String name, String body, int row, String field, String reason)
            throws Exception {
        String stream = freshStream();
        postCsv(stream, body.replace("\\n", "\n")).andExpect(problem(400, "row " + row, row)).andExpect(field(field))
                .andExpect(jsonPath("$.detail", org.hamcrest.Matchers.containsString(reason)));
        assertThat(engine.exists(stream)).isFalse();
    }

    @Test
    void malformedJsonIs400WithTheRowItStoppedAt() throws Exception {
        postJson(freshStream(), "[{\"value\":1},{\"value\":2,]")
                .andExpect(problem(400, "malformed JSON at row 2", 2))
                .andExpect(jsonPath("$.title").value("Malformed JSON"));
        postJson(freshStream(), "{\"value\":1} {\"value\":2}").andExpect(problem(400, "after the end", 0));
        postJson(freshStream(), "").andExpect(problem(400, "malformed JSON", 0));
        postJson(freshStream(), "[]").andExpect(problem(400, "no points", 0));
    }

    @Test
    void malformedCsvIs400() throws Exception {
        postCsv(freshStream(), "1000,1\n2000,\"2\n").andExpect(problem(400, "malformed CSV at row 2", 2))
                .andExpect(jsonPath("$.detail", org.hamcrest.Matchers.containsString("not closed")));
        postCsv(freshStream(), "\"1000\"x,1\n").andExpect(problem(400, "malformed CSV at row 1", 1));
        postCsv(freshStream(), "1000,1\"5\n").andExpect(problem(400, "malformed CSV at row 1", 1));
        postCsv(freshStream(), "timestamp,value\n").andExpect(problem(400, "no points", 0));
    }

    @Test
    void tooManyPointsIs413AndWritesNothing() throws Exception {
        String stream = freshStream();
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i <= MAX_POINTS; i++) {
            csv.append(i).append(",1\n");
        }
        postCsv(stream, csv.toString()).andExpect(problem(413, "more than " + MAX_POINTS + " points", MAX_POINTS + 1));
        assertThat(engine.exists(stream)).isFalse();
        postCsv(stream, csv.substring(csv.indexOf("\n") + 1)).andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(MAX_POINTS));
    }

    @Test
    void bodyOverTheSizeLimitIs413() throws Exception {
        String stream = freshStream();
        String big = "[" + "{\"value\":1.000000000}".repeat(4000).replace("}{", "},{") + "]"; // > 64 KB
        postJson(stream, big).andExpect(problem(413, "larger than 65536 bytes", 0));
        assertThat(engine.exists(stream)).isFalse();
    }

    @Test
    void invalidStreamNameIs400() throws Exception {
        postJson("bad$name", "{\"value\":1}").andExpect(problem(400, "invalid stream name", 0));
        postJson("x".repeat(101), "{\"value\":1}").andExpect(problem(400, "invalid stream name", 0));
        assertThat(engine.exists("bad$name")).isFalse();
    }

    @Test
    void unsupportedMediaTypeIs415() throws Exception {
        post(freshStream(), "text/plain", "1000,1", BOOTSTRAP).andExpect(problem(415, "text/plain is not supported", 0));
        post(freshStream(), null, "1000,1", BOOTSTRAP).andExpect(problem(415, "no Content-Type", 0));
        post(freshStream(), "application/json;charset=ISO-8859-1", "{\"value\":1}", BOOTSTRAP)
                .andExpect(problem(415, "UTF-8", 0));
    }

    @Test
    void oneBadRowLeavesAnExistingStreamUntouched() throws Exception {
        String stream = freshStream();
        postJson(stream, "[{\"timestamp\":1000,\"value\":1},{\"timestamp\":2000,\"value\":2}]")
                .andExpect(status().isOk());
        var before = engine.status(stream);

        postJson(stream, "[{\"timestamp\":3000,\"value\":3},{\"timestamp\":4000,\"value\":4},"
                + "{\"timestamp\":5000,\"value\":\"x\"}]").andExpect(problem(400, "row 3", 3));

        var after = engine.status(stream);
        assertThat(after.points()).isEqualTo(before.points()).isEqualTo(2);
        assertThat(after.lastPointMillis()).isEqualTo(2000);
        assertThat(engine.recent(stream, 10)).extracting(p -> p.value()).containsExactly(1.0, 2.0);
    }
}
