package dev.zscope.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged state files at start: each either loads, or is set aside loudly when nothing is lost, or
 * stops the start with one clear sentence; a damaged file never takes data with it.
 */
class CorruptFilesIT {

    private static final String ZSCORE = "--zscope.settings.detector=zscore";

    @TempDir
    Path dir;

    /** A damaged database file is set aside and rebuilt from the log: every anomaly comes back. */
    @Test
    void aDamagedDatabaseIsSetAsideAndRebuiltFromTheLog() throws Exception {
        Path data = dir.resolve("db");
        try (AppProcess app = AppProcess.start(data, ZSCORE)) {
            post(app, "calm-then-spike");
            app.stop();
        }
        List<Stores.Key> before = Stores.log(data);
        assertThat(before).isNotEmpty();
        Path db = data.resolve("zscope.mv.db");
        byte[] garbage = new byte[8192];
        java.util.Arrays.fill(garbage, (byte) 0x5a);
        try (var channel = java.nio.channels.FileChannel.open(db, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(garbage), 0); // the file header and the first chunk
        }

        AppProcess restarted = AppProcess.start(data, ZSCORE);
        restarted.stop();

        assertThat(Files.readString(restarted.log())).contains("was damaged");
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("zscope.mv.db.damaged-"));
        }
        assertThat(new HashSet<>(Stores.database(data))).isEqualTo(new HashSet<>(before));
    }

    /** One unusable value in settings.properties falls back alone; the start goes on. */
    @Test
    void aBadValueInTheSettingsFileCostsThatValueOnly() throws Exception {
        Path data = dir.resolve("settings");
        AppProcess.start(data, ZSCORE).stop();
        Files.writeString(data.resolve("settings.properties"), String.join("\n",
                "detection.detector=ewma", "detection.setting.span=50", "engine.update-interval-ms=75",
                "ui.push-interval-ms=nonsense", ""));
        AppProcess restarted = AppProcess.start(data);
        restarted.stop();
        String log = Files.readString(restarted.log());
        assertThat(log).contains("ui.push-interval-ms is 'nonsense'").contains("DetectorChoice[detector=ewma");
    }

    private static void post(AppProcess app, String stream) throws Exception {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 59; i++) {
            body.append("{\"timestamp\":").append(1_750_000_000_000L + i).append(",\"value\":").append(i % 2).append("},");
        }
        body.append("{\"timestamp\":").append(1_750_000_000_059L).append(",\"value\":1000}]");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(app.base() + "/api/v1/streams/" + stream + "/points"))
                .header("Authorization", "Bearer " + AppProcess.TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"anomalies\":1");
    }
}
