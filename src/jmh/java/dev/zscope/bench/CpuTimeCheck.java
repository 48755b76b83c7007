package dev.zscope.bench;

import dev.zscope.detection.Detector;

import dev.zscope.detection.Verdict;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * A cross-check of {@link DetectorBenchmark} for busy machines: the same loops timed by the thread's
 * CPU time instead of the wall clock, keeping the fastest of many rounds. JMH's wall-clock figures
 * include the time the thread waits for a core, which on a shared two-core machine can triple them;
 * CPU time does not, and the minimum discards rounds disturbed by cache pollution or migrations.
 * It has none of JMH's safeguards beyond that, so it confirms JMH's ratios rather than replacing them.
 *
 * <p>Each window runs in a JVM of its own, as JMH's forks do: in one JVM the JIT compiles the shared
 * code for the first window's profile (a block of 100 points) and keeps it for the next windows,
 * which then measure that compilation rather than their own. The baseline is timed in between the
 * detectors, round after round, so that all see the same machine.
 *
 * <p>Usage: {@code java -cp target/benchmarks.jar dev.zscope.bench.CpuTimeCheck [rounds]}.
 */
public final class CpuTimeCheck {

    private static final int[] WINDOWS = {100, 1_000, 100_000};
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTimeCheck() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        if (args.length > 1) {
            measure(Integer.parseInt(args[1]), rounds);
            return;
        }
        System.out.println("Thread CPU time per point, fastest of " + rounds + " rounds, one JVM per window:");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int window : WINDOWS) {
            Process fork = new ProcessBuilder(java, "-Xms1g", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    CpuTimeCheck.class.getName(), Integer.toString(rounds), Integer.toString(window))
                    .inheritIO().start();
            if (fork.waitFor() != 0) {
                throw new IllegalStateException("the fork for window " + window + " failed");
            }
        }
    }

    private static void measure(int window, int rounds) {
        double[] points = BenchData.series(DetectorBenchmark.BATCH, DetectorBenchmark.ANOMALY_SHARE,
                DetectorBenchmark.SEED);
        int[] found = new int[points.length];
        Verdict verdict = new Verdict();
        Detector zscore = BenchDetectors.find("zscore", window).orElseThrow();
        Detector ewma = BenchDetectors.find("ewma", window).orElseThrow();
        TextbookZScore textbook = new TextbookZScore(window, BenchData.LEVEL, 3.0, points);
        List<ToIntFunction<double[]>> loops = List.of(
                p -> judge(zscore, p, verdict),
                p -> judge(ewma, p, verdict),
                p -> textbook.update(p, found));
        String[] names = {"zscore", "ewma", "textbookZScore"};
        for (ToIntFunction<double[]> loop : loops) {
            for (int fed = 0; fed < window + 2 * points.length; fed += points.length) {
                loop.applyAsInt(points);
            }
        }
        double base = Double.MAX_VALUE;
        double[] best = new double[loops.size()];
        Arrays.fill(best, Double.MAX_VALUE);
        double sink = 0;
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < loops.size(); k++) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                for (int r = 0; r < 10; r++) {
                    sink += sum(points);
                }
                long t1 = THREADS.getCurrentThreadCpuTime();
                sink += loops.get(k).applyAsInt(points);
                long t2 = THREADS.getCurrentThreadCpuTime();
                base = Math.min(base, (t1 - t0) / (10.0 * points.length));
                best[k] = Math.min(best[k], (double) (t2 - t1) / points.length);
            }
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "window %6d: readBaseline %.3f ns", window, base));
        for (int k = 0; k < loops.size(); k++) {
            line.append(String.format(Locale.ROOT, ", %s %.2f ns (%.1fx)", names[k], best[k], best[k] / base));
        }
        System.out.println(line.append(sink == 42 ? " " : "").toString());
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
