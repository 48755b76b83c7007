package dev.zscope.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.zscope.anomaly.BenchAnomalies;
import dev.zscope.engine.DetectionEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * A cross-check of {@link EngineBenchmark} for busy machines: the engine end to end (same engine,
 * detector, anomaly recorder and points as the benchmark) fed by one thread, timed by CPU time
 * rather than the wall clock, so that waiting for a core is not counted.
 *
 * <p>Two figures per case: the feeding thread's CPU time per point (fastest round), and the whole
 * process's CPU time per point over all measured rounds until the anomaly database has caught up,
 * which also charges its writer thread, the garbage collector and the JIT. The wall time includes
 * that wait too. Two cores then sustain at most
 * 2 s / (process CPU time per point) points a second, if the streams are shared between two feeding
 * threads (they share no lock but the anomaly log's).
 *
 * <p>Usage: {@code java -Xms3g -Xmx3g -cp target/benchmarks.jar dev.zscope.bench.EngineCpuTimeCheck [rounds]}.
 */
public final class EngineCpuTimeCheck {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private EngineCpuTimeCheck() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        System.out.println("CPU time per point, " + rounds + " rounds of " + EngineBenchmark.BATCH
                + " points after as many warm-up rounds; thread = fastest round of the feeding thread,"
                + " process = all threads over all measured rounds:");
        for (String store : new String[] {"none", "log+db"}) {
            for (double share : store.equals("none") ? new double[] {0, 0.005} : new double[] {0.005}) {
                for (int streams : new int[] {10, 10_000}) {
                    for (boolean batches : new boolean[] {false, true}) {
                        run(streams, share, store, batches, rounds);
                    }
                }
            }
        }
    }

    private static void run(int streams, double share, String store, boolean batches, int rounds) throws Exception {
        EngineBenchmark.Engine engine = new EngineBenchmark.Engine();
        engine.streams = streams;
        engine.anomalyShare = share;
        engine.store = store;
        engine.setUp();
        Feed feed = new Feed(engine);
        try {
            for (int round = 0; round < rounds; round++) {
                feed.round(batches);
            }
            double thread = Double.MAX_VALUE;
            long process0 = PROCESS.getProcessCpuTime();
            long wall0 = System.nanoTime();
            for (int round = 0; round < rounds; round++) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                feed.round(batches);
                thread = Math.min(thread, (double) (THREADS.getCurrentThreadCpuTime() - t0) / EngineBenchmark.BATCH);
            }
            // The anomaly store may lag behind: wait for it, so that its CPU time is charged too.
            engine.sink.sink().record(java.util.List.of()).join();
            engine.sink.resources().close();
            double points = (double) rounds * EngineBenchmark.BATCH;
            double process = (PROCESS.getProcessCpuTime() - process0) / points;
            double wall = (System.nanoTime() - wall0) / points;
            System.out.printf(Locale.ROOT, "%-6s streams %6d, anomalyShare %5s, %-22s thread %7.1f ns, process %7.1f ns"
                            + " (2 cores: %5.2f M points/s), wall %7.1f ns, load %.1f%n", store, streams, share,
                    batches ? EngineBenchmark.PER_VISIT + " points per visit:" : "1 point per visit:", thread,
                    process, 2e3 / process, wall, PROCESS.getSystemLoadAverage());
        } finally {
            engine.tearDown();
        }
    }

    /** One thread feeding every stream, as {@link EngineBenchmark}'s two methods do. */
    private static final class Feed {
        private final EngineBenchmark.Engine engine;
        private final long[] times = new long[EngineBenchmark.BATCH];
        private long millis = 1_800_000_000_000L;
        private int next;

        Feed(EngineBenchmark.Engine engine) {
            this.engine = engine;
            Arrays.fill(times, millis);
        }

        void round(boolean batches) {
            double[] points = engine.points;
            String[] names = engine.names;
            DetectionEngine target = engine.engine;
            int step = batches ? EngineBenchmark.PER_VISIT : 1;
            if (batches) {
                Arrays.fill(times, ++millis); // never back in time for any stream
            }
            for (int from = 0; from < points.length; from += step) {
                if (batches) {
                    target.write(names[next], times, points, from, from + step);
                } else {
                    target.process(names[next], millis, points[from], false);
                }
                if (++next == names.length) {
                    next = 0;
                    millis++;
                }
            }
        }
    }
}
