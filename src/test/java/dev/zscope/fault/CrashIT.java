package dev.zscope.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability contract under {@code kill -9}: every anomaly a 2xx answer counted is in
 * {@code anomalies.csv} and in the database after the crash, once, and the two stores agree; a crash
 * while a start imports the log's unseen tail loses and duplicates nothing either.
 */
class CrashIT {

    private static final String ZSCORE = "--zscope.settings.detector=zscore";
    private static final Pattern ANOMALIES = Pattern.compile("\"anomalies\":(\\d+)");
    private static final long T0 = Instant.parse("2025-06-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void aKillDuringIngestLosesNoAcknowledgedAnomaly() throws Exception {
        Path data = dir.resolve("data");
        Set<Stores.Key> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try (AppProcess app = AppProcess.start(data, ZSCORE)) {
            HttpClient client = HttpClient.newHttpClient();
            for (int w = 0; w < writers; w++) {
                String stream = "crash-" + w;
                pool.submit(() -> write(client, app.base(), stream, acknowledged, stop));
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> acknowledged.size() >= 200);
            app.kill(); // writers keep posting into the dying process
            stop.set(true);
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        AppProcess.start(data, ZSCORE).stop();

        List<Stores.Key> log = Stores.log(data);
        List<Stores.Key> database = Stores.database(data);
        assertThat(log).as("acknowledged anomalies in the log").containsAll(acknowledged);
        assertThat(database).as("acknowledged anomalies in the database").containsAll(acknowledged);
        assertThat(log).as("no row twice in the log").doesNotHaveDuplicates();
        assertThat(database).as("no row twice in the database").doesNotHaveDuplicates();
        assertThat(new HashSet<>(database)).as("both stores agree").isEqualTo(new HashSet<>(log));
        System.out.printf("kill -9 during ingest: %d anomalies acknowledged, 0 lost; %d stored%n",
                acknowledged.size(), log.size());
    }

    /** Batches of 59 calm points and one spike: the Z-score flags exactly the spike. */
    private static Void write(HttpClient client, String base, String stream, Set<Stores.Key> acknowledged,
                              AtomicBoolean stop) {
        long t = T0;
        while (!stop.get()) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < 59; i++) {
                body.append("{\"timestamp\":").append(t++).append(",\"value\":").append(i % 2).append("},");
            }
            long spike = t++;
            body.append("{\"timestamp\":").append(spike).append(",\"value\":1000}]");
            try {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                                URI.create(base + "/api/v1/streams/" + stream + "/points"))
                        .header("Authorization", "Bearer " + AppProcess.TOKEN)
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    Matcher m = ANOMALIES.matcher(answer.body());
                    if (!m.find() || !m.group(1).equals("1")) {
                        throw new AssertionError("expected the spike alone: " + answer.body());
                    }
                    acknowledged.add(new Stores.Key(stream, Instant.ofEpochMilli(spike)));
                }
            } catch (java.io.IOException dead) {
                return null; // the process was killed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /**
     * A crash while a start imports the log's tail (lines a crash kept out of the database): the
     * next start finishes the import, and every line is in the database exactly once.
     */
    @Test
    void aKillDuringTheStartUpImportLosesAndDuplicatesNothing() throws Exception {
        Path data = dir.resolve("import");
        AppProcess.start(data, ZSCORE).stop(); // a database with its mark at the log's end
        int rows = 100_000;
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            tail.append(Instant.ofEpochMilli(T0 + i)).append(",tail-").append(i % 10)
                    .append(",1000.0,9.5,0.99,10.0,-20.0,40.0,10.0,99.0,3.0,100,zscore\n");
        }
        Files.writeString(data.resolve("anomalies.csv"), tail, StandardOpenOption.APPEND);

        AppProcess starting = AppProcess.launch(data, ZSCORE);
        // Killed once the schema is validated: the import of the tail comes next and takes seconds.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> Files.readString(starting.log()).contains("Successfully validated"));
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        starting.kill();

        AppProcess resumed = AppProcess.start(data, ZSCORE);
        resumed.stop();
        Matcher imported = Pattern.compile("Imported (\\d+) anomalies").matcher(Files.readString(resumed.log()));
        System.out.printf("kill -9 during the start-up import: the next start imported %s of %d lines%n",
                imported.find() ? imported.group(1) : "none", rows);
        List<Stores.Key> log = Stores.log(data);
        List<Stores.Key> database = Stores.database(data);
        assertThat(log).hasSize(rows);
        assertThat(database).doesNotHaveDuplicates();
        assertThat(new HashSet<>(database)).isEqualTo(new HashSet<>(log));
    }

}
