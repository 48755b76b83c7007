package dev.zscope.source;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * What one node ingests from its sources, end to end: starts Debian's {@code prometheus} or
 * {@code mosquitto} and the Zscope jar with one source on it, feeds it, and times until Zscope's
 * own {@code zscope_points_total} has every point.
 * <ul>
 *   <li>{@code prometheus}: {@code --series} series of {@code --steps} 15 s steps are written into
 *       Prometheus's storage with {@code promtool} beforehand; Zscope catches them up through
 *       {@code query_range} (the poll cost: samples/s, and series a node keeps up with at a 15 s step);</li>
 *   <li>{@code mqtt}: {@code --messages} numbers are published with QoS 1 to {@code --topics} topics
 *       {@code load/<i>/value} as fast as the broker takes them (the MQTT ingest rate).</li>
 * </ul>
 * Ports {@code --port} (Zscope) and {@code --port}+1 (the server). Run from the project folder after
 * {@code ./mvnw -DskipTests package}; see {@code src/docs/benchmarks.md}.
 */
public final class SourceLoad {

    private static final String TOKEN = "zs_sourceload-token-0123456789";
    private static final long STEP = 15_000;

    private SourceLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String mode = args.length > 0 ? args[0] : "";
        int port = Integer.parseInt(o.getOrDefault("port", "18400"));
        Path dir = Path.of(o.getOrDefault("dir", "target/sourceload")).toAbsolutePath();
        Files.createDirectories(dir);
        Path run = Files.createTempDirectory(dir, mode + "-");
        switch (mode) {
            case "prometheus" -> prometheus(run, port, Integer.parseInt(o.getOrDefault("series", "1000")),
                    Integer.parseInt(o.getOrDefault("steps", "240")));
            case "mqtt" -> mqtt(run, port, Integer.parseInt(o.getOrDefault("messages", "200000")),
                    Integer.parseInt(o.getOrDefault("topics", "100")));
            default -> {
                System.err.println("usage: SourceLoad prometheus|mqtt [--port 18400] [--series 1000 --steps 240]"
                        + " [--messages 200000 --topics 100] [--dir target/sourceload]");
                System.exit(2);
            }
        }
    }

    private static void prometheus(Path run, int port, int series, int steps) throws Exception {
        long end = Math.floorDiv(System.currentTimeMillis() - 600_000, STEP) * STEP;
        long first = end - (steps - 1) * STEP;
        Path om = run.resolve("load.om");
        Random random = new Random(7);
        try (var w = Files.newBufferedWriter(om)) {
            w.write("# TYPE zscope_load gauge\n");
            for (int s = 0; s < series; s++) {
                for (int i = 0; i < steps; i++) {
                    w.write(String.format(Locale.ROOT, "zscope_load{series=\"s%d\"} %.3f %d%n", s,
                            100 + random.nextGaussian(), (first + i * STEP) / 1000));
                }
            }
            w.write("# EOF\n");
        }
        exec(run.resolve("promtool.log"), "promtool", "tsdb", "create-blocks-from", "openmetrics", om.toString(),
                run.resolve("tsdb").toString()).waitFor();
        Files.writeString(run.resolve("prometheus.yml"), "global:\n  scrape_interval: 1h\n");
        Process prometheus = exec(run.resolve("prometheus.log"), "prometheus",
                "--config.file=" + run.resolve("prometheus.yml"), "--storage.tsdb.path=" + run.resolve("tsdb"),
                "--storage.tsdb.retention.time=30d", "--web.listen-address=127.0.0.1:" + (port + 1));
        try {
            waitForPort(port + 1);
            long lookbackMinutes = (System.currentTimeMillis() - first) / 60_000 + 5;
            long expected = (long) series * (steps + 20); // Prometheus 2.x answers 5 min after the last sample
            measure(run, port, expected, series + " series x " + steps + " steps", List.of(
                    "--zscope.sources.load.type=prometheus", "--zscope.sources.load.url=http://127.0.0.1:" + (port + 1),
                    "--zscope.sources.load.query=zscope_load", "--zscope.sources.load.step=15s",
                    "--zscope.sources.load.lookback=" + lookbackMinutes + "m", "--zscope.sources.load.delay=0s"),
                    () -> { }, () -> 0L);
        } finally {
            prometheus.destroy();
        }
    }

    private static void mqtt(Path run, int port, int messages, int topics) throws Exception {
        Path conf = run.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + (port + 1) + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + "max_queued_messages 0\n");
        Process broker = exec(run.resolve("mosquitto.log"), "/usr/sbin/mosquitto", "-c", conf.toString());
        try {
            waitForPort(port + 1);
            measure(run, port, messages, messages + " messages on " + topics + " topics", List.of(
                    "--zscope.sources.load.type=mqtt", "--zscope.sources.load.url=tcp://127.0.0.1:" + (port + 1),
                    "--zscope.sources.load.topic=load/+/value", "--zscope.sources.load.payload=number"),
                    () -> publish(port + 1, messages, topics), () -> probe(port));
        } finally {
            broker.destroy();
        }
    }

    /**
     * Publishes to {@code load/probe/value} until Zscope has a point (its subscription exists, so
     * nothing measured is published before it), then returns the points it has once they settle.
     */
    private static long probe(int port) throws Exception {
        Mqtt5AsyncClient c = Mqtt5Client.builder().identifier("sourceload-probe").serverHost("127.0.0.1")
                .serverPort(port + 1).buildAsync();
        c.connect().join();
        while (points(port) == 0) {
            c.publishWith().topic("load/probe/value").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("1".getBytes(StandardCharsets.UTF_8)).send().join();
            Thread.sleep(500);
        }
        c.disconnect().join();
        Thread.sleep(1000);
        return points(port);
    }

    /** QoS 1, at most 1,000 unacknowledged at a time; values of a noisy level, so few anomalies. */
    private static void publish(int port, int messages, int topics) {
        Mqtt5AsyncClient c = Mqtt5Client.builder().identifier("sourceload-publisher").serverHost("127.0.0.1")
                .serverPort(port).buildAsync();
        c.connect().join();
        Semaphore window = new Semaphore(1000);
        Random random = new Random(3);
        List<CompletableFuture<?>> last = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            window.acquireUninterruptibly();
            String payload = String.format(Locale.ROOT, "%.3f", 100 + random.nextGaussian());
            CompletableFuture<?> f = c.publishWith().topic("load/t" + (i % topics) + "/value").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8)).send().whenComplete((r, e) -> window.release());
            if (i >= messages - 1000) {
                last.add(f);
            }
        }
        CompletableFuture.allOf(last.toArray(CompletableFuture[]::new)).join();
        c.disconnect().join();
    }

    /** Starts the jar with {@code source}, waits for the source, runs {@code feed}, times to {@code expected} points. */
    private static void measure(Path run, int port, long expected, String what, List<String> source, Runnable feed,
                                java.util.concurrent.Callable<Long> ready) throws Exception {
        Path jar;
        try (var jars = Files.list(Path.of("target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("zscope-.*\\.jar")).findFirst().orElseThrow(
                    () -> new IllegalStateException("no target/zscope-*.jar: run ./mvnw -DskipTests package"));
        }
        List<String> command = new ArrayList<>(List.of("java", "-Xmx1g", "-jar", jar.toString(),
                "--server.port=" + port, "--zscope.data-dir=" + run.resolve("data"),
                "--zscope.engine.simulator-enabled=false", "--zscope.engine.max-streams=100000"));
        command.addAll(source);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(run.resolve("zscope.log").toFile());
        pb.environment().put("ZSCOPE_BOOTSTRAP_TOKEN", TOKEN);
        pb.environment().put("ZSCOPE_ADMIN_PASSWORD", "sourceload-admin");
        Process zscope = pb.start();
        try {
            waitForPort(port);
            expected += ready.call();
            long start = System.nanoTime();
            feed.run();
            long fed = System.nanoTime();
            long points = 0;
            long deadline = start + 1_800_000_000_000L;
            while (points < expected && System.nanoTime() < deadline) {
                Thread.sleep(200); // a load tool, not a test: polls the server it measures
                points = points(port);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %,d of %,d points in %.1f s = %,.0f points/s (feeding took %.1f s)%n",
                    what, points, expected, seconds, points / seconds, (fed - start) / 1e9);
            System.out.printf(Locale.ROOT, "log and data in %s%n", run);
        } finally {
            zscope.destroy();
            zscope.waitFor();
        }
    }

    private static long points(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        double sum = 0;
        for (String line : r.body().split("\n")) {
            if (line.startsWith("zscope_points_total{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }

    private static Process exec(Path log, String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void waitForPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (var s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("nothing listens on " + port);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }
}
