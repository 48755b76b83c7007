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
 * Detectors on one core, in ns per point, next to the cheapest loop that touches the same
 * points: {@link #readBaseline} sums the pre-generated array. The targets are relative to that
 * baseline because these machines are noisy; since all methods live in one class, one run gives
 * every figure and its baseline ({@link Ratios} prints the quotients).
 *
 * <p>Each invocation feeds a batch of {@value #BATCH} points (512 KB, so the batch stays in L2 and
 * the baseline measures arithmetic rather than DRAM) through one long-lived detector, which was
 * filled to its window in {@link #setUp}: the figures are for the steady state, including the O(W)
 * work that a window of W points amortises over W points. {@code window} is the detector's window;
 * the baseline ignores it and is repeated per window only so that each row has its own baseline.
 *
 * <p>Each detector runs through {@link Detector#update(double, Verdict)}, one call per point
 * filling a verdict (expected value, band, score) as the engine does. {@code textbookZScore} is the
 * textbook sliding-sum loop with the Z-score's decision and none of its guarantees, the floor of
 * any scalar rolling Z-score (the batch kernels that once ran closer to it were removed with the
 * restructure: nothing but benchmarks called them).
 *
 * <p>Detectors come from the application's registry through {@link BenchDetectors}, which also says
 * how {@code window} maps onto each of them. A detector the registry lacks fails its benchmark at the
 * first invocation with a message saying why, and the rest goes on.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DetectorBenchmark {

    /** Points per invocation; results are per point thanks to {@link OperationsPerInvocation}. */
    public static final int BATCH = 1 << 16;
    /** Share of spikes in the series: the 0.5% of issue 5's engine target. */
    static final double ANOMALY_SHARE = 0.005;
    static final long SEED = 20_261_123L;

    @Param({"100", "1000", "100000"})
    public int window;

    private double[] points;
    private final Verdict verdict = new Verdict();
    private final int[] found = new int[BATCH];
    private Detector zscore;
    private Detector ewma;
    private Detector defaultDetector;
    private TextbookZScore textbook;

    @Setup
    public void setUp() {
        points = BenchData.series(BATCH, ANOMALY_SHARE, SEED);
        zscore = filled("zscore");
        ewma = filled("ewma");
        defaultDetector = filled("default");
        textbook = new TextbookZScore(window, BenchData.LEVEL, 3.0, points);
    }

    /** The floor: read each point once and add it up, the least any detector must do per point. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void readBaseline(Blackhole bh) {
        double sum = 0;
        for (double point : points) {
            sum += point;
        }
        bh.consume(sum);
    }

    /** Not a detector: the least a scalar rolling Z-score loop does ({@link TextbookZScore}). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void textbookZScore(Blackhole bh) {
        bh.consume(textbook.update(points, found));
    }

    /** The rolling Z-score with a verdict per point, as the engine calls it. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void zscore(Blackhole bh) {
        judge(zscore, bh);
    }

    /** The EWMA with a verdict per point. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void ewma(Blackhole bh) {
        judge(required(ewma, "ewma"), bh);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void defaultDetector(Blackhole bh) {
        judge(required(defaultDetector, "default"), bh);
    }

    /**
     * What the engine needs from a detector per point: the verdict, and whether it is an anomaly.
     * Counting anomalies keeps the decision live; the verdict is consumed once per batch.
     */
    private void judge(Detector detector, Blackhole bh) {
        Verdict out = verdict;
        int anomalies = 0;
        for (double point : points) {
            if (detector.update(point, out).anomaly()) {
                anomalies++;
            }
        }
        bh.consume(anomalies);
        bh.consume(out);
    }

    /** The detector, past its warm-up and with a full window, or null if this build lacks it. */
    private Detector filled(String name) {
        Detector detector = BenchDetectors.find(name, window).orElse(null);
        if (detector != null) {
            for (int fed = 0; fed < window + BATCH; fed += BATCH) {
                for (double point : points) {
                    detector.update(point, verdict);
                }
            }
        }
        return detector;
    }

    private static <T extends Detector> T required(T detector, String name) {
        if (detector == null) {
            throw new IllegalStateException(BenchDetectors.missing(name));
        }
        return detector;
    }
}
