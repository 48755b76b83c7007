package dev.zscope.bench;

import dev.zscope.detection.Detector;
import dev.zscope.detection.Verdict;
import dev.zscope.detection.ZScoreDetector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * A cross-check of {@link DetectorBenchmark} for busy machines: the same loops timed by the thread's
 * CPU time instead of the wall clock, keeping the fastest of many rounds. JMH's wall-clock figures
 * include the time the thread waits for a core, which on a shared two-core machine can triple them;
 * CPU time does not, and the minimum discards rounds disturbed by cache pollution or migrations.
 * It has none of JMH's safeguards beyond that, so it confirms JMH's ratios rather than replacing them.
 *
 * <p>Usage: {@code java -cp target/benchmarks.jar dev.zscope.bench.CpuTimeCheck [rounds]}.
 */
public final class CpuTimeCheck {

    private static final int[] WINDOWS = {100, 1_000, 100_000};
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTimeCheck() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        double[] points = BenchData.series(DetectorBenchmark.BATCH, DetectorBenchmark.ANOMALY_SHARE,
                DetectorBenchmark.SEED);
        System.out.println("Thread CPU time per point, fastest of " + rounds + " rounds:");
        for (int window : WINDOWS) {
            Detector zscore = BenchDetectors.find("zscore", window).orElseThrow();
            Verdict verdict = new Verdict();
            for (int fed = 0; fed < window + points.length; fed += points.length) {
                judge(zscore, points, verdict);
            }
            ZScoreDetector batched = (ZScoreDetector) BenchDetectors.find("zscore", window).orElseThrow();
            int[] found = new int[points.length];
            for (int fed = 0; fed < window + points.length; fed += points.length) {
                batched.update(points, 0, points.length, found);
            }
            double base = Double.MAX_VALUE;
            double detector = Double.MAX_VALUE;
            double batch = Double.MAX_VALUE;
            double sink = 0;
            for (int round = 0; round < rounds; round++) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                for (int k = 0; k < 20; k++) {
                    sink += sum(points);
                }
                long t1 = THREADS.getCurrentThreadCpuTime();
                sink += judge(zscore, points, verdict);
                long t2 = THREADS.getCurrentThreadCpuTime();
                sink += batched.update(points, 0, points.length, found);
                long t3 = THREADS.getCurrentThreadCpuTime();
                base = Math.min(base, (t1 - t0) / (20.0 * points.length));
                detector = Math.min(detector, (double) (t2 - t1) / points.length);
                batch = Math.min(batch, (double) (t3 - t2) / points.length);
            }
            System.out.printf(Locale.ROOT, "window %6d: readBaseline %.3f ns, zscore %.2f ns (%.1fx), zscoreBatch %.2f ns (%.1fx)  (%s)%n",
                    window, base, detector, detector / base, batch, batch / base, sink == 42 ? "" : "ok");
        }
    }

    private static double sum(double[] points) {
        double sum = 0;
        for (double point : points) {
            sum += point;
        }
        return sum;
    }

    private static int judge(Detector detector, double[] points, Verdict out) {
        int anomalies = 0;
        for (double point : points) {
            if (detector.update(point, out).anomaly()) {
                anomalies++;
            }
        }
        return anomalies;
    }
}
