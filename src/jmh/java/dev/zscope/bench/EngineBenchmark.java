package dev.zscope.bench;

import dev.zscope.anomaly.AnomalyProperties;
import dev.zscope.anomaly.AnomalyService;
import dev.zscope.anomaly.BenchAnomalies;
import dev.zscope.detection.Verdict;
import dev.zscope.detection.ZScoreDetector;
import dev.zscope.detection.ZScoreSettings;
import dev.zscope.stream.DetectionEngine;
import dev.zscope.stream.EngineProperties;
import dev.zscope.stream.StreamPoint;
import dev.zscope.stream.StreamStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine end to end, in process, as it exists today: one stream, {@link DetectionEngine#process}
 * with the default Z-score detector (window 100), the application's own anomaly recorder writing
 * {@code anomalies.csv} to a temporary directory, the point history, and no subscriber. Reported in
 * points per second; with {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes per point.
 *
 * <p>{@link #detectorBaseline} runs the bare detector over the same points in the same run, so the
 * engine's own cost per point reads as the difference. {@code anomalyShare} 0.005 is issue 5's mix;
 * 0 is target 2's case, a series in which no point is anomalous (see {@link BenchData#series}):
 * allocation should then be under 1 byte per point. The tear-down prints how many anomalies were
 * actually logged.
 *
 * <p>Issue 5's target 3 is about 10,000 streams on two cores; the engine has a single stream and one
 * lock, so this benchmark is the one-stream, one-thread starting point for that target.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EngineBenchmark {

    static final int BATCH = 1 << 16;

    @Param({"0.005", "0"})
    public double anomalyShare;

    private double[] points;
    private Path dataDir;
    private AnomalyService anomalies;
    private DetectionEngine engine;
    private ZScoreDetector detector;
    private final Verdict verdict = new Verdict();
    private long clock = 1_790_000_000_000L;

    @Setup
    public void setUp() throws IOException {
        points = BenchData.series(BATCH, anomalyShare, DetectorBenchmark.SEED);
        dataDir = Files.createTempDirectory("zscope-bench-engine");
        anomalies = new AnomalyService(new AnomalyProperties(dataDir, 1_000_000));
        engine = new DetectionEngine(new EngineProperties("bench", 10_000, false),
                List.of(BenchAnomalies.recorder(anomalies)));
        detector = new ZScoreDetector(ZScoreSettings.defaults());
    }

    @TearDown
    public void tearDown() throws IOException {
        StreamStatus status = engine.status();
        if (status.points() > 0) {
            System.out.printf(Locale.ROOT, "%n[anomalyShare=%s] %d anomalies logged in %d points (%.3f%%)%n",
                    anomalyShare, status.anomalies(), status.points(), 100.0 * status.anomalies() / status.points());
        }
        engine.destroy();
        anomalies.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** One batch through the engine: detect, log anomalies, remember the point. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void process(Blackhole bh) {
        StreamPoint last = null;
        for (double point : points) {
            last = engine.process(clock++, point, false);
        }
        bh.consume(last);
    }

    /** The same points through a bare detector with the engine's settings: what the engine adds to. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void detectorBaseline(Blackhole bh) {
        int flagged = 0;
        for (double point : points) {
            if (detector.update(point, verdict).anomaly()) {
                flagged++;
            }
        }
        bh.consume(flagged);
    }
}
