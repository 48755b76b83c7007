package dev.zscope.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load test of the ingest API over loopback against a running server, for what JMH cannot measure:
 * HTTP, parsing, authentication, detection and the anomaly log together. Each connection posts
 * batches to its own stream (so the out-of-order rule never refuses a batch) with increasing epoch
 * millisecond timestamps, Gaussian values and a spike every 5,000 points, so anomalies are detected
 * and logged. It runs a warm-up, then measures for a fixed time (or until a request count), and
 * prints the sustained accepted points/s and the request latency percentiles of the measured part.
 *
 * <pre>
 * java -cp target/test-classes dev.zscope.ingest.IngestLoad --url http://localhost:8080 \
 *      --connections 4 --batch 10000 --seconds 30 --warmup 10 --format json
 * </pre>
 * The token is read from {@code ZSCOPE_BOOTSTRAP_TOKEN} (or {@code --token}). Needs only the JDK.
 */
public final class IngestLoad {

    private IngestLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String url = o.getOrDefault("url", "http://localhost:8080");
        String token = o.getOrDefault("token", System.getenv("ZSCOPE_BOOTSTRAP_TOKEN"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "4"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "10000"));
        long seconds = Long.parseLong(o.getOrDefault("seconds", "30"));
        long warmup = Long.parseLong(o.getOrDefault("warmup", "10"));
        long maxRequests = Long.parseLong(o.getOrDefault("max-requests", "1000000"));
        boolean csv = o.getOrDefault("format", "json").equals("csv");
        if (token == null) {
            throw new IllegalArgumentException("set ZSCOPE_BOOTSTRAP_TOKEN or pass --token");
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        AtomicLong requests = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        CountDownLatch done = new CountDownLatch(connections);
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (int c = 0; c < connections; c++) {
            int id = c;
            latencies[id] = new long[1 << 20];
            Thread.ofPlatform().name("load-" + id).start(() -> {
                try {
                    String stream = "load-" + run + "-" + id;
                    URI uri = URI.create(url + "/api/v1/streams/" + stream + "/points");
                    // Pre-formatted values: formatting doubles would cost this client more CPU than
                    // the server spends parsing them, on the same cores.
                    SplittableRandom random = new SplittableRandom(id);
                    String[] values = new String[4096];
                    for (int k = 0; k < values.length; k++) {
                        values[k] = Double.toString(100 + random.nextGaussian() * 5);
                    }
                    long timestamp = System.currentTimeMillis() - 86_400_000L;
                    long sequence = 0;
                    while (System.nanoTime() < end && requests.incrementAndGet() <= maxRequests) {
                        StringBuilder body = new StringBuilder(batch * 40);
                        if (!csv) {
                            body.append('[');
                        }
                        for (int i = 0; i < batch; i++, sequence++, timestamp += 10) {
                            String v = sequence % 5000 == 4999 ? "300.5" : values[(int) (sequence & 4095)];
                            if (csv) {
                                body.append(timestamp).append(',').append(v).append('\n');
                            } else {
                                body.append(i == 0 ? "{\"timestamp\":" : ",{\"timestamp\":").append(timestamp)
                                        .append(",\"value\":").append(v).append('}');
                            }
                        }
                        if (!csv) {
                            body.append(']');
                        }
                        HttpRequest request = HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", csv ? "text/csv" : "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                                .build();
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        long t1 = System.nanoTime();
                        if (response.statusCode() != 200) {
                            if (failures.incrementAndGet() <= 3) {
                                System.err.println(response.statusCode() + " " + response.body());
                            }
                            continue;
                        }
                        if (t0 >= measureFrom && t1 <= end) {
                            accepted.addAndGet(batch);
                            if (counts[id] < latencies[id].length) {
                                latencies[id][counts[id]++] = t1 - t0;
                            }
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    failures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        long measuredNanos = Math.min(System.nanoTime(), end) - measureFrom;
        long[] all = Arrays.stream(latencies).flatMapToLong(a -> Arrays.stream(a)).filter(x -> x > 0).sorted()
                .toArray();
        System.out.printf(Locale.ROOT, "connections=%d batch=%d format=%s warmup=%ds measured=%.1fs%n",
                connections, batch, csv ? "csv" : "json", warmup, measuredNanos / 1e9);
        System.out.printf(Locale.ROOT, "measured requests=%d failures=%d accepted points=%d%n",
                all.length, failures.get(), accepted.get());
        System.out.printf(Locale.ROOT, "sustained accepted points/s: %.0f%n", accepted.get() / (measuredNanos / 1e9));
        if (all.length > 0) {
            System.out.printf(Locale.ROOT, "request latency ms: p50=%.1f p99=%.1f max=%.1f%n",
                    pct(all, 0.50), pct(all, 0.99), all[all.length - 1] / 1e6);
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }
}
