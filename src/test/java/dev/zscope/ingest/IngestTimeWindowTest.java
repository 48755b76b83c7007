package dev.zscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.zscope.engine.StreamPoint;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API's time window: from 1970-01-01T00:00:00Z to one day after the server's time. Outside it a
 * batch is refused (400 naming the row and the field) and nothing is written; inside it any time is
 * accepted. The window is what keeps one far-future timestamp from blocking a stream for good.
 */
class IngestTimeWindowTest extends IngestApiTestBase {

    private static long now() {
        return System.currentTimeMillis();
    }

    @ParameterizedTest(name = "JSON timestamp {0}")
    @ValueSource(strings = {"-1", "-9223372036854775808", "-62135596800000", "\"1969-12-31T23:59:59.999Z\"",
            "\"1969-12-31 23:59:59\"", "\"0001-01-01T00:00:00Z\""})
    void timestampsBefore1970AreRefused(String timestamp) throws Exception {
        String stream = freshStream();
        postJson(stream, "[{\"timestamp\":1000,\"value\":1},{\"timestamp\":" + timestamp + ",\"value\":2}]")
                .andExpect(problem(400, "row 2, timestamp: ", 2)).andExpect(field("timestamp"))
                .andExpect(jsonPath("$.detail", org.hamcrest.Matchers.containsString("before 1970-01-01T00:00:00Z")))
                .andExpect(jsonPath("$.detail", org.hamcrest.Matchers.containsString("nothing was written")));
        assertThat(engine.exists(stream)).isFalse();
    }

    /** Long.MIN_VALUE is also the batch's mark for "no timestamp": it must not become the server's time. */
    @Test
    void theSmallestLongIsNotServerTime() throws Exception {
        String stream = freshStream();
        postJson(stream, "{\"timestamp\":-9223372036854775808,\"value\":1}")
                .andExpect(problem(400, "row 1, timestamp", 1)).andExpect(field("timestamp"));
        assertThat(engine.exists(stream)).isFalse();
    }

    @Test
    void timestampsMoreThanADayAheadAreRefusedInJsonAndCsv() throws Exception {
        String stream = freshStream();
        long tooLate = now() + Duration.ofDays(1).toMillis() + Duration.ofMinutes(5).toMillis();
        postJson(stream, "[{\"value\":1},{\"value\":2},{\"timestamp\":" + tooLate + ",\"value\":3}]")
                .andExpect(problem(400, "row 3, timestamp", 3)).andExpect(field("timestamp"))
                .andExpect(jsonPath("$.detail", org.hamcrest.Matchers.containsString(
                        "more than one day after the server's time")));
        postCsv(stream, "timestamp,value\n" + Instant.ofEpochMilli(tooLate) + ",1\n")
                .andExpect(problem(400, "row 1, timestamp", 1)).andExpect(field("timestamp"));
        postCsv(stream, "1000,1\n\"3000-01-01 00:00:00\",2\n").andExpect(problem(400, "row 2, timestamp", 2));
        assertThat(engine.exists(stream)).isFalse();
    }

    @Test
    void anyTimeFrom1970ToADayAheadIsAccepted() throws Exception {
        String stream = freshStream();
        long soon = now() + Duration.ofHours(23).toMillis();
        postCsv(stream, "0,1\n1970-01-01T00:00:00.001Z,2\n2000-02-29 12:00:00,3\n" + soon + ",4\n")
                .andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(4));
        assertThat(engine.recent(stream, 10)).extracting(StreamPoint::epochMillis)
                .containsExactly(0L, 1L, Instant.parse("2000-02-29T12:00:00Z").toEpochMilli(), soon);
    }

    /**
     * Before the window, one point in the year 3000 became the stream's latest point, and every real
     * point after it was refused as out of order (409), for ever. Now that point is refused itself.
     */
    @Test
    void oneFarFutureTimestampCannotBlockAStream() throws Exception {
        String stream = freshStream();
        postJson(stream, "{\"timestamp\":" + (now() - 60_000) + ",\"value\":1}").andExpect(status().isOk());
        long year3000 = Instant.parse("3000-01-01T00:00:00Z").toEpochMilli();
        postJson(stream, "{\"timestamp\":" + year3000 + ",\"value\":2}").andExpect(problem(400, "row 1, timestamp", 1));
        assertThat(engine.status(stream).lastPointMillis()).isLessThan(year3000);

        postJson(stream, "{\"value\":3}").andExpect(status().isOk());
        postJson(stream, "{\"timestamp\":" + now() + ",\"value\":4}").andExpect(status().isOk());
        assertThat(engine.status(stream).points()).isEqualTo(3);
    }
}
