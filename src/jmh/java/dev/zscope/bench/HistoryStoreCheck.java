package dev.zscope.bench;

import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.detection.zscore.ZScoreDetector;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.EngineProperties;
import dev.zscope.engine.StreamStore;
import dev.zscope.history.HistoryProperties;
import dev.zscope.history.HistoryService;
import dev.zscope.history.Series;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.util.unit.DataSize;

/**
 * The point store measured: what storing every point costs the ingest path, how fast the writer
 * thread puts points on disk, the disk a stream takes per day, and how long a seven-day range takes
 * to read at a chart's width. Not a JMH benchmark (the store's writer is a thread of its own and the
 * disk figures are sizes): it times whole runs, fastest of a few, and prints one table.
 *
 * <p>{@code java -cp target/benchmarks.jar dev.zscope.bench.HistoryStoreCheck [streams] [days]}:
 * {@code streams} streams (default 10) of one point a second for {@code days} days (default 7), fed
 * as the HTTP API does (128 points a call), as fast as the engine takes them, three times without
 * and with the store (a buffer large enough to keep every point), then once with the default buffer;
 * then reads from the store reopened, as after a restart.
 */
public final class HistoryStoreCheck {

    private static final long T0 = 1_790_000_000_000L;
    private static final int BATCH = 128;
    private static final long DAY = 86_400_000L;

    private HistoryStoreCheck() {
    }

    public static void main(String[] args) throws Exception {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        long perStream = days * 86_400L;
        double[] values = BenchData.series(1 << 16, 0.001, DetectorBenchmark.SEED);
        System.out.printf(Locale.ROOT, "%d streams x %d days at 1 point/s = %,d points%n", streams, days,
                streams * perStream);

        // Alternating, best of three each: the JIT warms up over the first runs, and other work on
        // the machine comes and goes. CPU time of the feeding thread is the path's own cost; the
        // wall clock also counts the writer thread competing for the same cores.
        Run without = null;
        Run with = null;
        Path dir = null;
        for (int round = 0; round < 3; round++) {
            Run a = feed(streams, perStream, values, null, 0);
            without = without == null || a.cpuPerPoint < without.cpuPerPoint ? a : without;
            Path d = Files.createTempDirectory("zscope-history-check");
            Run b = feed(streams, perStream, values, d, 67_108_864);
            if (with == null || b.cpuPerPoint < with.cpuPerPoint) {
                with = b;
                dir = d;
            }
        }
        Path flood = Files.createTempDirectory("zscope-history-check");
        Run defaults = feed(streams, perStream, values, flood, HistoryProperties.in(flood).bufferedPoints());
        // Paced below what the writer sustains, as a live system runs: the chunks are recycled.
        long paced = Math.min(perStream, 2 * 86_400L);
        double pacedRate = 200_000;
        Run pacedWithout = null;
        Run pacedWith = null;
        for (int round = 0; round < 2; round++) {
            Run a = feed(streams, paced, values, null, 0, pacedRate);
            pacedWithout = pacedWithout == null || a.cpuPerPoint < pacedWithout.cpuPerPoint ? a : pacedWithout;
            Path d = Files.createTempDirectory("zscope-history-check");
            Run b = feed(streams, paced, values, d, HistoryProperties.in(d).bufferedPoints(), pacedRate);
            pacedWith = pacedWith == null || b.cpuPerPoint < pacedWith.cpuPerPoint ? b : pacedWith;
        }
        System.out.printf(Locale.ROOT, "paced at %,.0f points/s, default buffer: %.0f ns of the feeding thread's CPU a"
                + " point without the store, %.0f ns with it (%+.0f ns); %,d stored, %,d not stored%n", pacedRate,
                pacedWithout.cpuPerPoint, pacedWith.cpuPerPoint, pacedWith.cpuPerPoint - pacedWithout.cpuPerPoint,
                pacedWith.written, pacedWith.dropped);
        System.out.printf(Locale.ROOT, "ingest without the store: %,.0f points/s, %.0f ns of the feeding thread's CPU a point%n",
                without.ingestPerSecond, without.cpuPerPoint);
        System.out.printf(Locale.ROOT, "ingest with the store:    %,.0f points/s, %.0f ns of the feeding thread's CPU a point"
                + " (%+.0f ns)%n", with.ingestPerSecond, with.cpuPerPoint, with.cpuPerPoint - without.cpuPerPoint);
        System.out.printf(Locale.ROOT, "written to disk:          %,.0f points/s (feed start to last point on disk),"
                + " %,d points stored, %,d not stored%n", with.writtenPerSecond, with.written, with.dropped);
        System.out.printf(Locale.ROOT, "the same flood with the default buffer (262,144 points): %,d stored, %,d not"
                + " stored (counted), ingest %,.0f points/s, %.0f ns CPU a point%n", defaults.written, defaults.dropped,
                defaults.ingestPerSecond, defaults.cpuPerPoint);
        long raw = bytes(dir.resolve("raw"));
        long minutes = bytes(dir.resolve("minute"));
        long all = bytes(dir);
        System.out.printf(Locale.ROOT, "disk per stream per day:  %,.1f MB (raw points %,.1f MB = %.1f B/point,"
                        + " minute summaries %,.2f MB; all files %,.1f MB)%n",
                all / 1e6 / streams / days, raw / 1e6 / streams / days, raw / (double) (streams * perStream),
                minutes / 1e6 / streams / days, all / 1e6);

        long end = T0 + perStream * 1000 - 1000;
        try (Reading r = new Reading(dir)) {
            r.time("7 days, 1,000 buckets (chart width)", end - 7 * DAY, end, 7 * DAY / 1000);
            r.time("7 days, 5,040 buckets (2 min)", end - 7 * DAY, end, 120_000);
            r.time("24 h, 1,440 buckets (1 min)", end - DAY, end, 60_000);
            r.time("1 h, 3,600 buckets (raw, 1 s)", end - 3_600_000, end, 1000);
        }
    }

    private record Run(double ingestPerSecond, double cpuPerPoint, double writtenPerSecond, long written, long dropped) {
    }

    /** Feeds every stream {@code perStream} points, a second apart, 128 at a time, stream after stream in turn. */
    private static Run feed(int streams, long perStream, double[] values, Path dir, int buffer) throws Exception {
        return feed(streams, perStream, values, dir, buffer, 0);
    }

    /** {@code rate}: points a second in all (0 = as fast as the engine takes them); the thread parks between calls. */
    private static Run feed(int streams, long perStream, double[] values, Path dir, int buffer, double rate)
            throws Exception {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        DetectionEngine engine = new DetectionEngine(new EngineProperties(1_000, Math.max(streams, 1), 10_000,
                Duration.ofMinutes(2)), anomalies -> CompletableFuture.completedFuture(null), StreamStore.NONE);
        engine.applyDetector(new DetectorChoice(ZScoreDetector.NAME, Map.of(
                "threshold", "3.0", "window", "100", "warmup", "30")));
        HistoryService history = dir == null ? null : new HistoryService(properties(dir, buffer), engine);
        long[] times = new long[BATCH];
        double[] batch = new double[BATCH];
        long start = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        for (long done = 0; done < perStream; done += BATCH) {
            int n = (int) Math.min(BATCH, perStream - done);
            for (int s = 0; s < streams; s++) {
                for (int i = 0; i < n; i++) {
                    times[i] = T0 + (done + i) * 1000;
                    batch[i] = values[(int) ((done + i + s * 7919L) & 0xFFFF)];
                }
                engine.write("s" + s, times, batch, 0, n);
            }
            if (rate > 0) {
                long due = start + (long) ((done + n) * streams / rate * 1e9);
                while (System.nanoTime() < due) {
                    java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                }
            }
        }
        long fed = System.nanoTime();
        double total = (double) streams * perStream;
        double cpuPerPoint = (threads.getCurrentThreadCpuTime() - cpu) / total;
        if (history == null) {
            engine.destroy();
            return new Run(total / ((fed - start) / 1e9), cpuPerPoint, 0, 0, 0);
        }
        history.flush().get(10, TimeUnit.MINUTES);
        long onDisk = System.nanoTime();
        var health = history.health();
        history.destroy();
        engine.destroy();
        return new Run(total / ((fed - start) / 1e9), cpuPerPoint, total / ((onDisk - start) / 1e9), health.written(),
                health.dropped());
    }

    static HistoryProperties properties(Path dir, int buffer) {
        HistoryProperties d = HistoryProperties.in(dir);
        return new HistoryProperties(true, dir, d.rawRetention(), d.rollupRetention(), DataSize.ofGigabytes(16),
                DataSize.ofMegabytes(64), d.flushInterval(), buffer);
    }

    private static long bytes(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** The store reopened by a fresh engine (nothing in memory), read as the chart and the API read it. */
    private static final class Reading implements AutoCloseable {
        private final DetectionEngine engine = new DetectionEngine(EngineProperties.defaults(),
                anomalies -> CompletableFuture.completedFuture(null), StreamStore.NONE);
        private final HistoryService history;

        Reading(Path dir) {
            history = new HistoryService(properties(dir, HistoryProperties.in(dir).bufferedPoints()), engine);
            long t = System.nanoTime();
            history.series("s0", T0, T0, 1000); // waits for the files to be indexed
            System.out.printf(Locale.ROOT, "store opened (files indexed) in %.0f ms%n", (System.nanoTime() - t) / 1e6);
        }

        void time(String what, long from, long to, long step) {
            long[] nanos = new long[25];
            int buckets = 0;
            int marks = 0;
            for (int i = 0; i < nanos.length; i++) {
                long t = System.nanoTime();
                Series s = history.series("s" + (i % 10 == 0 ? 0 : i % 3), from, to, step);
                nanos[i] = System.nanoTime() - t;
                buckets = s.buckets().size();
                marks = s.marks().size();
            }
            long first = nanos[0];
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "read %-38s first %6.1f ms, median %6.1f ms, max %6.1f ms (%,d buckets, %,d anomalies)%n",
                    what, first / 1e6, nanos[nanos.length / 2] / 1e6, nanos[nanos.length - 1] / 1e6, buckets, marks);
        }

        @Override
        public void close() throws InterruptedException {
            history.destroy();
            engine.destroy();
        }
    }
}
