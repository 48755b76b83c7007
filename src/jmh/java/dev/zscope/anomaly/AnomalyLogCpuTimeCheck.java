package dev.zscope.anomaly;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A cross-check of {@link AnomalyLogBenchmark#append} for a busy machine: the appending thread's
 * CPU time per append, fastest of several rounds of a million (the sync thread's writes and forces
 * run on their own thread and are not counted). Waiting for a core is not counted either, which
 * is mostly what the wall clock of a machine at load 8 on 2 cores measures.
 *
 * <pre>java -cp target/benchmarks.jar dev.zscope.anomaly.AnomalyLogCpuTimeCheck [rounds]</pre>
 */
public final class AnomalyLogCpuTimeCheck {

    private AnomalyLogCpuTimeCheck() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Anomaly[] anomalies = new Anomaly[AnomalyLogBenchmark.ROWS];
        for (int i = 0; i < anomalies.length; i++) {
            anomalies[i] = BenchAnomalies.sample("bench-stream", i);
        }
        double bestAppend = Double.MAX_VALUE;
        double bestAppendWall = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            Path dir = Files.createTempDirectory("zscope-cpu-append");
            try (AnomalyLog log = AnomalyLog.open(dir, a -> { })) {
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                for (Anomaly anomaly : anomalies) {
                    log.append(anomaly);
                }
                bestAppend = Math.min(bestAppend, (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / anomalies.length);
                bestAppendWall = Math.min(bestAppendWall, (System.nanoTime() - wall) / 1e3 / anomalies.length);
            } finally {
                delete(dir);
            }
        }
        System.out.printf("append: %.2f µs CPU per append (fastest of %d rounds; wall %.2f µs); target 2 µs%n",
                bestAppend, rounds, bestAppendWall);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
