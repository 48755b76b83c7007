package dev.zscope.bench;

import dev.zscope.detection.Detector;
import dev.zscope.detection.Verdict;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A stream's first {@value #FIRST} points, in ns per point, detector made afresh each invocation:
 * the cost a new stream pays while {@code art} warms up all its time scales, which {@link
 * DetectorBenchmark}'s steady state leaves out. A server that takes thousands of new streams at
 * once pays this rate, not the steady one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FirstPointsBenchmark {

    /** The points of a stream's start measured, as the detection issue states the target. */
    public static final int FIRST = 2_000;

    @Param({"default", "zscore"})
    public String detector;

    private double[] points;
    private final Verdict verdict = new Verdict();

    @Setup
    public void setUp() {
        points = BenchData.series(FIRST, DetectorBenchmark.ANOMALY_SHARE, DetectorBenchmark.SEED);
        if (BenchDetectors.find(detector, 100).isEmpty()) {
            throw new IllegalStateException(BenchDetectors.missing(detector));
        }
    }

    @Benchmark
    @OperationsPerInvocation(FIRST)
    public void firstPoints(Blackhole bh) {
        Detector fresh = BenchDetectors.find(detector, 100).orElseThrow();
        int anomalies = 0;
        for (double point : points) {
            if (fresh.update(point, verdict).anomaly()) {
                anomalies++;
            }
        }
        bh.consume(anomalies);
    }
}
