package dev.zscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.zscope.engine.StreamPoint;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Encodings and lines of a body: a UTF-8 byte order mark is accepted in JSON and CSV; JSON is UTF-8
 * only (415 for UTF-16 and UTF-32, with or without a charset parameter); CSV is UTF-8 unless the
 * charset parameter says otherwise; a CSV line beyond {@code zscope.ingest.max-line-length} is
 * refused (413) with its number.
 */
class IngestEncodingTest extends IngestApiTestBase {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private ResultActions postBytes(String stream, String contentType, byte[] body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/api/v1/streams/{s}/points", stream).content(body)
                .header(HttpHeaders.CONTENT_TYPE, contentType).header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP));
    }

    private static byte[] withBom(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[BOM.length + utf8.length];
        System.arraycopy(BOM, 0, all, 0, BOM.length);
        System.arraycopy(utf8, 0, all, BOM.length, utf8.length);
        return all;
    }

    @Test
    void aUtf8ByteOrderMarkIsAcceptedInCsvAndJson() throws Exception {
        String stream = freshStream();
        postBytes(stream, "text/csv", withBom("timestamp,value\n1000,1\n")).andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(1));
        postBytes(stream, "text/csv; charset=utf-8", withBom("2000,2\n")).andExpect(status().isOk());
        postBytes(stream, "application/json", withBom("[{\"timestamp\":3000,\"value\":3}]")).andExpect(status().isOk());
        postBytes(stream, "application/json;charset=UTF-8", withBom("{\"timestamp\":4000,\"value\":4}"))
                .andExpect(status().isOk());
        assertThat(engine.recent(stream, 10)).extracting(StreamPoint::value).containsExactly(1.0, 2.0, 3.0, 4.0);
    }

    @Test
    void jsonInUtf16OrUtf32IsRefusedWith415() throws Exception {
        String json = "{\"timestamp\":1000,\"value\":1}";
        String stream = freshStream();
        for (String charset : new String[] {"UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32LE", "UTF-32BE"}) {
            postBytes(stream, "application/json", json.getBytes(Charset.forName(charset)))
                    .andExpect(problem(415, "JSON must be UTF-8", 0));
        }
        // A UTF-16 byte order mark alone says it too.
        postBytes(stream, "application/json", new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0})
                .andExpect(problem(415, "UTF-16 byte order mark", 0));
        postBytes(stream, "application/json; charset=utf-16", json.getBytes(StandardCharsets.UTF_16))
                .andExpect(problem(415, "JSON must be UTF-8", 0));
        assertThat(engine.exists(stream)).isFalse();
    }

    @Test
    void csvFollowsItsCharsetParameter() throws Exception {
        String stream = freshStream();
        postBytes(stream, "text/csv; charset=UTF-16", "timestamp,value\n1000,1\n".getBytes(StandardCharsets.UTF_16))
                .andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(1));
        postBytes(stream, "text/csv; charset=ISO-8859-1", "\"2000\" ,2\n".getBytes(StandardCharsets.ISO_8859_1))
                .andExpect(status().isOk());
        postBytes(stream, "text/csv; charset=no-such-charset", "3000,3\n".getBytes(StandardCharsets.UTF_8))
                .andExpect(problem(415, "no-such-charset", 0));
        assertThat(engine.status(stream).points()).isEqualTo(2);
    }

    @Test
    void aCsvLineLongerThanTheLimitIs413NamingTheLine() throws Exception {
        String stream = freshStream();
        String body = "timestamp,value\n1000,1\n\n2000," + "1".repeat(MAX_LINE) + "\n3000,3\n";
        postCsv(stream, body).andExpect(problem(413, "line 4 is longer than 1,024 characters", 0))
                .andExpect(jsonPath("$.title").value("Line too long"))
                .andExpect(jsonPath("$.detail", org.hamcrest.Matchers.containsString("zscope.ingest.max-line-length")));
        assertThat(engine.exists(stream)).isFalse();
        // A line of exactly the limit is a line like any other.
        postCsv(stream, "2000," + "0".repeat(MAX_LINE - 6) + "1\n").andExpect(status().isOk());
    }
}
