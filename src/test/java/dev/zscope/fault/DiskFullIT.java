package dev.zscope.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk: the data directory on a small tmpfs (mounted by the test; root only, as in CI) is
 * filled while anomalies arrive. Writes are refused with 507 or 503 and Retry-After instead of a
 * 2xx, nothing acknowledged is lost, no line of the log is glued or doubled, and writing resumes by
 * itself once space is freed.
 */
class DiskFullIT {

    @TempDir
    Path dir;
    private Path volume;

    @AfterEach
    void unmount() throws Exception {
        if (volume != null) {
            new ProcessBuilder("umount", "-l", volume.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFullDiskRefusesWritesLosesNothingAndRecoversByItself() throws Exception {
        volume = dir.resolve("volume");
        Files.createDirectories(volume);
        boolean mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", volume.toString())
                .inheritIO().start().waitFor() == 0;
        if (!mounted) {
            volume = null;
            assumeTrue(!"true".equals(System.getenv("CI")), "CI must be able to mount a tmpfs (run as root)");
            assumeTrue(false, "cannot mount a tmpfs here (not root?): skipped");
        }
        Path data = volume.resolve("data");
        Set<Stores.Key> acknowledged = new HashSet<>();
        TreeMap<Integer, Integer> statuses = new TreeMap<>();
        HttpClient client = HttpClient.newHttpClient();
        long t = Instant.parse("2025-06-01T00:00:00Z").toEpochMilli();
        try (AppProcess app = AppProcess.start(data, "--zscope.settings.detector=zscore")) {
            Path filler = volume.resolve("filler");
            fill(filler, Files.getFileStore(volume), 384 * 1024);
            int refused = 0;
            for (int batch = 0; batch < 20_000 && refused < 20; batch++) {
                long spike = t + 59;
                int status = post(client, app, t, spike);
                t = spike + 1;
                statuses.merge(status, 1, Integer::sum);
                if (status == 200) {
                    acknowledged.add(new Stores.Key("disk", Instant.ofEpochMilli(spike)));
                } else {
                    assertThat(status).isIn(503, 507);
                    refused++;
                }
            }
            assertThat(statuses.keySet()).as("refused once the disk is full").containsAnyOf(503, 507);
            Files.delete(filler);
            long[] next = {t};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                long spike = next[0] + 59;
                int status = post(client, app, next[0], spike);
                next[0] = spike + 1;
                if (status == 200) {
                    acknowledged.add(new Stores.Key("disk", Instant.ofEpochMilli(spike)));
                }
                return status == 200;
            });
            app.stop();
        }
        List<Stores.Key> log = Stores.log(data); // fails on a glued or torn line
        List<Stores.Key> database = Stores.database(data);
        assertThat(log).containsAll(acknowledged).doesNotHaveDuplicates();
        assertThat(database).containsAll(acknowledged).doesNotHaveDuplicates();
        assertThat(new HashSet<>(database)).isEqualTo(new HashSet<>(log));
        Path trace = data.resolve("zscope.trace.db");
        assertThat(!Files.exists(trace) || Files.size(trace) <= 2 * 1024 * 1024).as("H2's trace file is bounded").isTrue();
        System.out.printf("disk full: answers %s; %d anomalies acknowledged, 0 lost; recovered by itself%n",
                statuses, acknowledged.size());
    }

    /** 59 calm points and a spike: the Z-score flags the spike alone. */
    private static int post(HttpClient client, AppProcess app, long from, long spike) throws Exception {
        StringBuilder body = new StringBuilder("[");
        for (long ts = from; ts < spike; ts++) {
            body.append("{\"timestamp\":").append(ts).append(",\"value\":").append(ts % 2).append("},");
        }
        body.append("{\"timestamp\":").append(spike).append(",\"value\":1000}]");
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                        URI.create(app.base() + "/api/v1/streams/disk/points"))
                .header("Authorization", "Bearer " + AppProcess.TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            assertThat(answer.headers().firstValue("Retry-After")).as(answer.body()).isPresent();
        }
        return answer.statusCode();
    }

    /** Fills the volume but for {@code leave} bytes. */
    private static void fill(Path filler, FileStore store, long leave) throws IOException {
        long size = Math.max(0, store.getUsableSpace() - leave);
        try (RandomAccessFile f = new RandomAccessFile(filler.toFile(), "rw")) {
            byte[] chunk = new byte[1 << 16];
            for (long written = 0; written < size; written += chunk.length) {
                f.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        }
    }
}
