package dev.zscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.zscope.engine.Anomaly;
import dev.zscope.anomaly.AnomalyQuery;
import dev.zscope.anomaly.AnomalyService;
import dev.zscope.engine.StreamPoint;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** Accepted bodies: JSON and CSV, the timestamp forms, the out-of-order policy, a round trip to the log. */
class IngestWriteTest extends IngestApiTestBase {

    private static final long T = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();

    @Autowired
    AnomalyService anomalies;

    @Test
    void jsonObjectAndArrayWithEveryTimestampForm() throws Exception {
        String stream = freshStream();
        postJson(stream, "{\"timestamp\":" + T + ",\"value\":1.5}")
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.stream").value(stream))
                .andExpect(jsonPath("$.accepted").value(1))
                .andExpect(header().doesNotExist("Set-Cookie"));
        long before = System.currentTimeMillis();
        postJson(stream, "[{\"timestamp\":\"" + (T + 1000) + "\",\"value\":2},"
                + "{\"timestamp\":\"2024-05-01T14:00:02+02:00\",\"value\":3},"
                + "{\"timestamp\":\"2024-05-01T12:00:03.250Z\",\"value\":-4e2},"
                + "{\"timestamp\":\"2024-05-01 12:00:04\",\"value\":5},"
                + "{\"value\":6},{\"timestamp\":null,\"value\":7}]")
                .andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(6));

        List<StreamPoint> points = engine.recent(stream, 10);
        assertThat(points).extracting(StreamPoint::value).containsExactly(1.5, 2.0, 3.0, -400.0, 5.0, 6.0, 7.0);
        assertThat(points.subList(0, 5)).extracting(StreamPoint::epochMillis)
                .containsExactly(T, T + 1000, T + 2000, T + 3250, T + 4000);
        assertThat(points.get(5).epochMillis()).as("no timestamp: server time")
                .isBetween(before, System.currentTimeMillis());
    }

    @Test
    void csvWithAndWithoutHeaderAndEveryTimestampForm() throws Exception {
        String stream = freshStream();
        postCsv(stream, "timestamp,value\n" + T + ",1\n2024-05-01T12:00:01Z,2\n\n\"2024-05-01 12:00:02\", 3.5 \n")
                .andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(3));
        postCsv(stream, "2024-05-01T14:00:03+02:00,4\r\n\"\" , \"5\"\r\n").andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(2));
        assertThat(engine.recent(stream, 10)).extracting(StreamPoint::value).containsExactly(1.0, 2.0, 3.5, 4.0, 5.0);
        assertThat(engine.recent(stream, 10).subList(0, 4)).extracting(StreamPoint::epochMillis)
                .containsExactly(T, T + 1000, T + 2000, T + 3000);
    }

    @Test
    void aPointOlderThanTheOneBeforeItInTheBatchRefusesTheBatch() throws Exception {
        String stream = freshStream();
        postCsv(stream, "1000,1\n3000,2\n2000,3\n").andExpect(problem(409, "row 3, timestamp", 3))
                .andExpect(field("timestamp"))
                .andExpect(jsonPath("$.detail", org.hamcrest.Matchers.containsString("the row before it")));
        assertThat(engine.exists(stream)).isFalse();
    }

    @Test
    void aPointOlderThanTheStreamsLatestRefusesTheBatchButEqualTimestampsAreFine() throws Exception {
        String stream = freshStream();
        postCsv(stream, "1000,1\n2000,2\n2000,3\n").andExpect(status().isOk());

        postCsv(stream, "1999,4\n5000,5\n").andExpect(problem(409, "the stream's latest point", 1));
        assertThat(engine.status(stream).points()).isEqualTo(3);

        postCsv(stream, "2000,4\n5000,5\n").andExpect(status().isOk());
        assertThat(engine.status(stream).points()).isEqualTo(5);
        assertThat(engine.status(stream).lastPointMillis()).isEqualTo(5000);
    }

    @Test
    void roundTripASpikeBecomesAnAnomalyInTheStoreAndTheLog() throws Exception {
        String stream = freshStream();
        Random random = new Random(42);
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 300; i++) {
            json.append("{\"timestamp\":").append(T + i * 1000L).append(",\"value\":")
                    .append(10 + random.nextGaussian() * 0.5).append("},");
        }
        json.append("{\"timestamp\":").append(T + 300_000L).append(",\"value\":100}]");

        postJson(stream, json.toString()).andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(301))
                .andExpect(jsonPath("$.anomalies").value(org.hamcrest.Matchers.greaterThanOrEqualTo(1)));

        List<Anomaly> found = anomalies.find(AnomalyQuery.all().withStream(stream), 0, 100);
        assertThat(found).anySatisfy(a -> {
            assertThat(a.value()).isEqualTo(100.0);
            assertThat(a.time()).isEqualTo(Instant.ofEpochMilli(T + 300_000L));
        });
        String logged = Instant.ofEpochMilli(T + 300_000L).toString();
        // A 200 means the anomalies are in the log already (the durability contract), no waiting.
        assertThat(Files.readAllLines(anomalies.logFile())).anyMatch(line -> line.contains(stream)
                && line.contains(logged));
    }

    /**
     * The durability contract when the store fails: the write that meets the failure is answered
     * 503 with Retry-After (none of its anomalies kept); while the store fails, writes are refused
     * before anything is judged, so the same points can be sent again; writing resumes by itself.
     */
    @Test
    void aFailingStoreAnswers503WithRetryAfterAndWritingResumesByItself(
            @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc) throws Exception {
        String stream = freshStream();
        StringBuilder warm = new StringBuilder("[");
        for (int i = 0; i < 300; i++) {
            warm.append("{\"timestamp\":").append(T + i * 1000L).append(",\"value\":").append(10 + (i % 7) * 0.1)
                    .append("},");
        }
        postJson(stream, warm.append("{\"timestamp\":").append(T + 300_000L).append(",\"value\":10}]").toString())
                .andExpect(status().isOk());
        String spike = "{\"timestamp\":" + (T + 301_000L) + ",\"value\":1000}";
        String later = "{\"timestamp\":" + (T + 302_000L) + ",\"value\":1000}";
        jdbc.execute("ALTER TABLE anomaly RENAME TO anomaly_away");
        try {
            postJson(stream, spike).andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "5"))
                    .andExpect(jsonPath("$.title").value("Anomaly store unavailable"));
            long points = engine.status(stream).points();
            postJson(stream, later).andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("nothing was written")));
            assertThat(engine.status(stream).points()).as("refused before anything was judged").isEqualTo(points);
        } finally {
            jdbc.execute("ALTER TABLE anomaly_away RENAME TO anomaly");
        }
        org.awaitility.Awaitility.await().atMost(10, java.util.concurrent.TimeUnit.SECONDS)
                .until(() -> anomalies.health().ok());
        postJson(stream, later).andExpect(status().isOk()); // the same points as the refused request
        StringBuilder calm = new StringBuilder("[");
        for (int i = 0; i < 200; i++) {
            calm.append("{\"timestamp\":").append(T + 303_000L + i * 1000L).append(",\"value\":")
                    .append(10 + (i % 7) * 0.1).append("},");
        }
        calm.append("{\"timestamp\":").append(T + 600_000L).append(",\"value\":-1000}]");
        postJson(stream, calm.toString()).andExpect(status().isOk())
                .andExpect(jsonPath("$.anomalies").value(org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
        assertThat(Files.readAllLines(anomalies.logFile())).anyMatch(l -> l.contains(stream) && l.contains(",-1000.0,"));
    }
}
