package dev.zscope.alert;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.AnomalySink;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.EngineProperties;
import dev.zscope.engine.StreamStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load tool for alert delivery (not a test): the real engine, evaluator and webhook channel on the
 * real clock, an H2 database in a scratch folder, and a webhook receiver on loopback that stamps each
 * notification with {@link System#nanoTime()} on arrival.
 *
 * <ol>
 *   <li><b>Latency</b>: {@code --incidents} incidents one after another, {@code group-wait} 0; for
 *   each, the time from the engine call that judged the first anomaly to the firing notification's
 *   arrival at the receiver. Prints p50, p99 and max.</li>
 *   <li><b>Storm</b>: {@code --streams} streams spike in the same instant, then keep sending normal
 *   points while the notifications go out to a receiver that takes {@code --receiver-delay-ms} per
 *   request. Prints the engine's time per point during the storm next to the same work with no alert
 *   listener, and checks every stream got exactly one firing and one resolved notification.</li>
 * </ol>
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.zscope.alert.AlertLoad \
 *     --incidents 100 --streams 1000 --receiver-delay-ms 20
 * </pre>
 * It exits with 1 when a stream got no firing or resolved notification, or more than one.
 * <pre>
 * </pre>
 */
public final class AlertLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int WARMUP_POINTS = 200;
    private static final int STORM_ROUNDS = 100;
    private static final int LATENCY_WARMUP = 10;

    /** Arrival time (nanoTime) of the first notification per stream and status. */
    private final Map<String, Long> firing = new ConcurrentHashMap<>();
    private final Map<String, Long> resolved = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> firingCount = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> resolvedCount = new ConcurrentHashMap<>();
    private volatile long receiverDelayMillis;
    private long stormStart;
    private long stormEnd;
    private long stormFired;

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new AlertLoad().run(Integer.parseInt(a.getOrDefault("incidents", "100")),
                Integer.parseInt(a.getOrDefault("streams", "1000")),
                Long.parseLong(a.getOrDefault("receiver-delay-ms", "20")));
        System.exit(0);
    }

    private void run(int incidents, int streams, long delayMillis) throws Exception {
        HttpServer server = receiver();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        Path dir = Files.createTempDirectory("zscope-alertload");
        AlertProperties p = new AlertProperties(dir, Duration.ZERO, Duration.ofSeconds(1), Duration.ofHours(4),
                Duration.ofSeconds(3), 1, Duration.ofMinutes(5), 0, false, Duration.ofMinutes(10), null,
                Duration.ofDays(90), 10_000, Map.of("hook", new AlertProperties.ChannelConfig(ChannelType.WEBHOOK, url,
                null, null, null, null, null, null)), Map.of());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath());
        config.setUsername("sa");
        config.setPassword("");
        ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
        try (HikariDataSource ds = new HikariDataSource(config)) {
            Flyway.configure().dataSource(ds).load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            TriageTable triage = new TriageTable(jdbc);
            Channels channels = new Channels(p, new Links("http://zscope.test"), null, "zscope@test",
                    HttpChannel.client());
            AlertEvaluator evaluator = new AlertEvaluator(Clock.systemUTC(), p,
                    new AlertTable(jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds))), channels,
                    new Muting(), new RuleBook(p, triage.rules()), Map::of, deliveries);
            evaluator.start();

            latency(evaluator, incidents);
            storm(evaluator, streams, delayMillis);
            evaluator.close();
        } finally {
            deliveries.shutdownNow();
            server.stop(0);
        }
    }

    private void latency(AlertEvaluator evaluator, int incidents) {
        DetectionEngine engine = engine();
        engine.listen(evaluator.intake());
        Random random = new Random(1);
        long[] nanos = new long[incidents];
        for (int i = -LATENCY_WARMUP; i < incidents; i++) {
            String s = "lat-" + i;
            warm(engine, s, random);
            long t0 = System.nanoTime();
            engine.process(s, System.currentTimeMillis(), 1_000, false);
            while (!firing.containsKey(s)) {
                Thread.onSpinWait();
            }
            if (i >= 0) {
                nanos[i] = firing.get(s) - t0;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("latency, first anomaly to webhook delivery, %d incidents, group-wait 0:"
                        + " p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", incidents, nanos[incidents / 2] / 1e6,
                nanos[(int) Math.ceil(incidents * 0.99) - 1] / 1e6, nanos[incidents - 1] / 1e6);
        engine.destroy();
    }

    private void storm(AlertEvaluator evaluator, int streams, long delayMillis) {
        firing.clear();
        resolved.clear();
        receiverDelayMillis = delayMillis;
        // the same work twice, after a round for the JIT: without the alert listener, then with it
        stormRound(null, streams, "jit-");
        Cost without = stormRound(null, streams, "calm-");
        Cost with = stormRound(evaluator, streams, "storm-");
        long firedInTime = firing.keySet().stream().filter(k -> k.startsWith("storm-")).count();
        System.out.printf("storm, %d streams spiking at once then %d more points each, receiver %d ms per request;"
                        + " engine per point without alerts / with alerts: CPU %.2f / %.2f µs, wall time of a call"
                        + " p50 %.2f / %.2f µs, p99 %.2f / %.2f µs, max %.0f / %.0f µs%n", streams, STORM_ROUNDS,
                delayMillis, without.cpuMicros(), with.cpuMicros(), without.p50Micros(), with.p50Micros(),
                without.p99Micros(), with.p99Micros(), without.maxMicros(), with.maxMicros());
        long t0 = System.nanoTime();
        long deadline = t0 + Duration.ofMinutes(5).toNanos();
        while (resolved.keySet().stream().filter(k -> k.startsWith("storm-")).count() < streams
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        boolean exact = true;
        for (int i = 0; i < streams; i++) {
            AtomicInteger f = firingCount.get("storm-" + i);
            AtomicInteger r = resolvedCount.get("storm-" + i);
            exact &= f != null && f.get() == 1 && r != null && r.get() == 1;
        }
        int firingSent = firingCount.entrySet().stream().filter(e -> e.getKey().startsWith("storm-"))
                .mapToInt(e -> e.getValue().get()).sum();
        int resolvedSent = resolvedCount.entrySet().stream().filter(e -> e.getKey().startsWith("storm-"))
                .mapToInt(e -> e.getValue().get()).sum();
        System.out.printf("storm notifications: %d firing and %d resolved received for %d streams, exactly one"
                        + " of each per stream: %s; all firing ones in %.1f s, all resolved ones %.1f s after the"
                        + " engine finished; intake arrivals merged under back-pressure: %d%n", firingSent,
                resolvedSent, streams, exact ? "yes" : "NO", (stormFired - stormStart) / 1e9,
                (System.nanoTime() - stormEnd) / 1e9, evaluator.intake().mergedCount());
        if (firedInTime < streams || !exact) {
            System.out.println("LOST OR DUPLICATED NOTIFICATIONS");
            System.exit(1);
        }
    }

    /** The engine's cost during a storm: CPU time per point on its thread, and each call's wall time. */
    private record Cost(double cpuMicros, double p50Micros, double p99Micros, double maxMicros) {
    }

    /** Warms {@code streams} streams, then one round of spikes on all, then normal points. */
    private Cost stormRound(AlertEvaluator evaluator, int streams, String prefix) {
        DetectionEngine engine = engine();
        if (evaluator != null) {
            engine.listen(evaluator.intake());
        }
        Random random = new Random(2);
        for (int s = 0; s < streams; s++) {
            warm(engine, prefix + s, random);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] calls = new long[streams * (1 + STORM_ROUNDS)];
        int n = 0;
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int r = -1; r < STORM_ROUNDS; r++) {
            for (int s = 0; s < streams; s++) {
                double value = r < 0 ? 1_000 : 100 + random.nextGaussian(); // the first round spikes every stream
                long c = System.nanoTime();
                engine.process(prefix + s, System.currentTimeMillis(), value, false);
                calls[n++] = System.nanoTime() - c;
            }
        }
        long t1 = System.nanoTime();
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / n;
        if (evaluator != null) {
            stormStart = t0;
            stormEnd = t1;
            long firedBy = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (firing.keySet().stream().filter(k -> k.startsWith(prefix)).count() < streams
                    && System.nanoTime() < firedBy) {
                Thread.onSpinWait();
            }
            stormFired = System.nanoTime();
        }
        engine.destroy();
        Arrays.sort(calls);
        return new Cost(cpu, calls[n / 2] / 1e3, calls[(int) Math.ceil(n * 0.99) - 1] / 1e3, calls[n - 1] / 1e3);
    }

    private static void warm(DetectionEngine engine, String stream, Random random) {
        long t = System.currentTimeMillis() - WARMUP_POINTS * 1_000L;
        for (int i = 0; i < WARMUP_POINTS; i++) {
            engine.backfill(stream, t + i * 1_000L, 100 + random.nextGaussian(), false);
        }
    }

    private static DetectionEngine engine() {
        DetectionEngine engine = new DetectionEngine(EngineProperties.defaults(), AnomalySink.DISCARD,
                StreamStore.NONE, Clock.systemUTC());
        engine.applyDetector(new DetectorChoice("zscore", Map.of()));
        return engine;
    }

    private HttpServer receiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            long at = System.nanoTime();
            JsonNode body = JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            for (JsonNode alert : body.get("alerts")) {
                String stream = alert.get("labels").get("stream").asString();
                if ("firing".equals(alert.get("status").asString())) {
                    firing.putIfAbsent(stream, at);
                    firingCount.computeIfAbsent(stream, k -> new AtomicInteger()).incrementAndGet();
                } else {
                    resolved.putIfAbsent(stream, at);
                    resolvedCount.computeIfAbsent(stream, k -> new AtomicInteger()).incrementAndGet();
                }
            }
            if (receiverDelayMillis > 0) {
                try {
                    Thread.sleep(receiverDelayMillis); // a slow receiver, on its own thread
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
