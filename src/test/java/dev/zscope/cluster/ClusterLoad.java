package dev.zscope.cluster;

import dev.zscope.detection.DetectorKind;
import dev.zscope.detection.Verdict;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.detection.catalog.Detectors;
import dev.zscope.engine.Anomaly;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Measures cluster mode end to end (src/docs/cluster.md, "Measured"): a broker (in this JVM unless
 * {@code --bootstrap} names one), one detector node and two web nodes A and B as child processes of
 * the packaged jar. Points are posted over HTTP to A; the figures are taken on B, from its anomaly log
 * (written in the same step as its store, before its push feed) and its stream listing:
 *
 * <ul>
 *   <li>throughput: points posted to A per second until B has every anomaly a single server finds
 *       and has counted every point;</li>
 *   <li>latency: a spike posted alone to A until its anomaly line is in B's log (p50, p99);</li>
 *   <li>state: bytes of each detector kind's slot in the changelog after {@code --points} points.</li>
 * </ul>
 *
 * <p>Usage: {@code ClusterLoad [--detector zscore] [--streams 100] [--points 5000] [--chunk 500]
 * [--clients 4] [--latency 200] [--port 18510] [--bootstrap host:port] [--roles all]}; with
 * {@code --roles all}, A detects too (role {@code all}) and no detector node starts. Needs
 * {@code ./mvnw -DskipTests package} first (it starts {@code target/zscope-*.jar}).
 */
public final class ClusterLoad {

    private static final Pattern LISTED = Pattern.compile("\"stream\":\"([^\"]+)\",\"points\":(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ClusterLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String detector = o.getOrDefault("detector", "zscore");
        int streams = Integer.parseInt(o.getOrDefault("streams", "100"));
        int points = Integer.parseInt(o.getOrDefault("points", "5000"));
        int chunk = Integer.parseInt(o.getOrDefault("chunk", "500"));
        int clients = Integer.parseInt(o.getOrDefault("clients", "4"));
        int samples = Integer.parseInt(o.getOrDefault("latency", "200"));
        int port = Integer.parseInt(o.getOrDefault("port", "18510"));
        stateSizes(points);

        EmbeddedKafkaKraftBroker broker = o.containsKey("bootstrap") ? null : TestBroker.start();
        String bootstrap = broker == null ? o.get("bootstrap") : broker.getBrokersAsString();
        Path root = Path.of("target", "cluster-load", Long.toString(System.currentTimeMillis())).toAbsolutePath();
        String[] common = {"--zscope.settings.detector=" + detector, "--zscope.cluster.partitions=8"};
        // --roles all: A runs detection itself (role all) and no detector node is started
        boolean aDetects = o.getOrDefault("roles", "web+detector").equals("all");
        try (NodeProcess det = aDetects ? null : NodeProcess.launchDetector(root.resolve("detector"), bootstrap, common);
             NodeProcess a = NodeProcess.launchWeb(root.resolve("a"), port, aDetects ? ClusterRole.ALL : ClusterRole.WEB,
                     bootstrap, common);
             NodeProcess b = NodeProcess.launchWeb(root.resolve("b"), port + 1, bootstrap, common)) {
            NodeProcess detecting = aDetects ? a : det;
            detecting.awaitDetecting(Duration.ofMinutes(3));
            a.awaitWeb(Duration.ofMinutes(3));
            b.awaitWeb(Duration.ofMinutes(3));
            System.out.printf("cluster up: detection in pid %d, A %s, B %s, broker %s, detector %s%n", detecting.pid(),
                    a.base(), b.base(), bootstrap, detector);
            long[] cpu = {cpuMillis(detecting), cpuMillis(a), cpuMillis(b)};
            long total = throughput(a, b, detector, streams, points, chunk, clients);
            System.out.printf("CPU per million points during the throughput run: detector %.1f s, web node A"
                            + " (ingest) %.1f s, web node B (follower) %.1f s%n",
                    (cpuMillis(detecting) - cpu[0]) / 1e3 / (total / 1e6), (cpuMillis(a) - cpu[1]) / 1e3 / (total / 1e6),
                    (cpuMillis(b) - cpu[2]) / 1e3 / (total / 1e6));
            latency(a, b, samples);
        } finally {
            if (broker != null) {
                broker.destroy();
            }
        }
    }

    /** CPU time (user + system) of a node so far, from /proc (Linux); 0 elsewhere. */
    private static long cpuMillis(NodeProcess node) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(node.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // clock ticks of 10 ms
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long throughput(NodeProcess a, NodeProcess b, String detector, int count, int n, int chunk,
                                   int clients) throws Exception {
        List<ClusterStreams.Points> streams = ClusterStreams.streams(count, n, 41);
        Map<String, List<Anomaly>> expected = ClusterStreams.singleServer(streams,
                new DetectorChoice(detector, Map.of()));
        long anomalies = expected.values().stream().mapToLong(List::size).sum();
        AtomicInteger next = new AtomicInteger();
        int perStream = (n + chunk - 1) / chunk;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            // each client takes whole streams, so one stream's posts stay in order
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int s = next.getAndIncrement(); s < count; s = next.getAndIncrement()) {
                        ClusterStreams.Points p = streams.get(s);
                        for (int k = 0; k < perStream; k++) {
                            post(a, p.stream(), p.times(), p.values(), k * chunk, Math.min(n, (k + 1) * chunk));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        long posted = System.nanoTime();
        while (loggedLines(b.data()) < anomalies || !allCounted(b, streams, n)) {
            Thread.onSpinWait();
            Thread.sleep(50); // a measuring tool, not a test: polls B's files and listing
        }
        long seen = System.nanoTime();
        long total = (long) count * n;
        System.out.printf("throughput (%s, %d streams x %d points, %d-point posts, %d clients): %,d points posted"
                        + " to A in %.1f s (%,.0f/s acknowledged); all %,d anomalies and counts on B after %.1f s:"
                        + " %,.0f points/s end to end%n", detector, count, n, chunk, clients, total,
                (posted - start) / 1e9, total / ((posted - start) / 1e9), anomalies, (seen - start) / 1e9,
                total / ((seen - start) / 1e9));
        if (loggedLines(b.data()) != anomalies || ClusterFiles.log(b.data()).size() != anomalies) {
            System.out.println("WARNING: B logged " + ClusterFiles.log(b.data()).size() + " anomalies, expected "
                    + anomalies);
        }
        return total;
    }

    /** Complete lines of B's anomaly log past its header; a line still being written is not counted. */
    private static long loggedLines(Path data) throws IOException {
        Path file = data.resolve("anomalies.csv");
        if (!Files.exists(file)) {
            return 0;
        }
        long lines = 0;
        for (byte x : Files.readAllBytes(file)) {
            if (x == '\n') {
                lines++;
            }
        }
        return Math.max(0, lines - 1);
    }

    private static boolean allCounted(NodeProcess b, List<ClusterStreams.Points> streams, int n) throws Exception {
        String listing = HTTP.send(HttpRequest.newBuilder(URI.create(b.base() + "/api/v1/streams"))
                .header("Authorization", "Bearer " + NodeProcess.TOKEN).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Long> counted = new HashMap<>();
        Matcher m = LISTED.matcher(listing);
        while (m.find()) {
            counted.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return streams.stream().allMatch(p -> counted.getOrDefault(p.stream(), 0L) >= n);
    }

    /**
     * Warms a stream up on normal points, then, {@code samples} times: 29 normal points in one post and
     * a spike alone, timed from the start of its post to its line in B's log.
     */
    private static void latency(NodeProcess a, NodeProcess b, int samples) throws Exception {
        String stream = "latency.probe";
        Random random = new Random(7);
        int warm = 3000;
        int total = warm + samples * 30;
        long[] times = new long[total];
        double[] values = new double[total];
        for (int i = 0; i < total; i++) {
            times[i] = ClusterStreams.START + i * 1000L;
            // spikes of varied size and sign, so that no detector learns them as the stream's shape
            double spike = (random.nextBoolean() ? 1 : -1) * (25 + 30 * random.nextDouble());
            values[i] = 50 + random.nextGaussian() + ((i >= warm && (i - warm) % 30 == 29) ? spike : 0);
        }
        for (int from = 0; from < warm; from += 500) {
            post(a, stream, times, values, from, from + 500);
        }
        Map<Long, Long> seenAt = new ConcurrentHashMap<>();
        Path log = b.data().resolve("anomalies.csv");
        Thread tail = Thread.ofPlatform().daemon().start(() -> tail(log, stream, seenAt));
        Map<Long, Long> sentAt = new HashMap<>();
        int missed = 0;
        for (int s = 0; s < samples && missed < 10; s++) {
            int from = warm + s * 30;
            post(a, stream, times, values, from, from + 29);
            long t0 = System.nanoTime();
            post(a, stream, times, values, from + 29, from + 30);
            sentAt.put(times[from + 29], t0);
            long waitUntil = System.nanoTime() + 3_000_000_000L;
            while (!seenAt.containsKey(times[from + 29]) && System.nanoTime() < waitUntil) {
                Thread.sleep(1);
            }
            missed = seenAt.containsKey(times[from + 29]) ? 0 : missed + 1; // stops after 10 misses in a row
        }
        tail.interrupt();
        double[] ms = sentAt.entrySet().stream().filter(e -> seenAt.containsKey(e.getKey()))
                .mapToDouble(e -> (seenAt.get(e.getKey()) - e.getValue()) / 1e6).sorted().toArray();
        if (ms.length == 0) {
            System.out.println("latency: no spike was reported as an anomaly");
            return;
        }
        System.out.printf("latency (spike posted to A -> its line in B's log, %d of %d spikes sent found): p50 %.0f ms,"
                        + " p99 %.0f ms, max %.0f ms%n", ms.length, sentAt.size(), ms[ms.length / 2],
                ms[Math.min(ms.length - 1, (int) Math.ceil(ms.length * 0.99) - 1)], ms[ms.length - 1]);
    }

    /** Follows B's anomaly log by polling its length every millisecond. */
    private static void tail(Path log, String stream, Map<Long, Long> seenAt) {
        long position = 0;
        StringBuilder partial = new StringBuilder();
        byte[] buffer = new byte[1 << 16];
        while (!Thread.currentThread().isInterrupted()) {
            try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
                while (!Thread.currentThread().isInterrupted()) {
                    if (f.length() > position) {
                        f.seek(position);
                        int r = f.read(buffer);
                        position += r;
                        long now = System.nanoTime();
                        partial.append(new String(buffer, 0, r, StandardCharsets.UTF_8));
                        int nl;
                        while ((nl = partial.indexOf("\n")) >= 0) {
                            String[] fields = partial.substring(0, nl).split(",", 3);
                            partial.delete(0, nl + 1);
                            if (fields.length == 3 && fields[1].equals(stream)) {
                                seenAt.putIfAbsent(java.time.Instant.parse(fields[0]).toEpochMilli(), now);
                            }
                        }
                    } else {
                        Thread.sleep(1);
                    }
                }
            } catch (IOException e) {
                sleepQuietly();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void post(NodeProcess node, String stream, long[] times, double[] values, int from, int to) {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = from; i < to; i++) {
            csv.append(times[i]).append(',').append(values[i]).append('\n');
        }
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(node.base()
                            + "/api/v1/streams/" + stream + "/points"))
                    .header("Authorization", "Bearer " + NodeProcess.TOKEN).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 202) {
                throw new IllegalStateException(answer.statusCode() + " " + answer.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Each kind's slot as written to the changelog, after {@code n} points of a test stream. */
    private static void stateSizes(int n) {
        ClusterStreams.Points p = ClusterStreams.streams(1, n, 5).getFirst();
        StringBuilder line = new StringBuilder("state per stream after " + n + " points:");
        Verdict v = new Verdict();
        for (DetectorKind<?> kind : Detectors.kinds()) {
            StreamSlot slot = new StreamSlot();
            DetectorChoice choice = new DetectorChoice(kind.name(), Map.of());
            var d = slot.detectorFor(choice, p.stream());
            for (int i = 0; i < n; i++) {
                d.update(p.times()[i], p.values()[i], v);
            }
            line.append(String.format(" %s %,d B%s;", kind.name(), slot.encode().length,
                    kind.keepsState() ? "" : " (keeps no state: learns again after a move)"));
        }
        System.out.println(line);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }
}
