package dev.zscope.anomaly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 5, target 6: the durable anomaly log, as the application uses it.
 *
 * <ul>
 *   <li>{@link #append}: one million anomalies appended one by one to a fresh {@code anomalies.csv}
 *       (appends are buffered; {@link PeriodicSync} writes them out and forces the file every 500 ms, and the
 *       closing sync is included), reported per append (target ≤ 2 µs);</li>
 *   <li>{@link #readBack}: {@link AnomalyLog#open} of a one-million-row log into the in-memory
 *       a consumer, which is what startup does before the import into the database (target ≤ 3 s).</li>
 * </ul>
 * Single-shot: each is a long, one-off job whose JIT warm-up is part of the real cost at startup;
 * the warm-up iterations show the difference. Lives in the log's package because the log is
 * package-private. The files go to a temporary directory that is deleted afterwards.
 */
@BenchmarkMode(Mode.SingleShotTime)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AnomalyLogBenchmark {

    static final int ROWS = 1_000_000;
    private static final String STREAM = "bench-stream";

    /** The anomalies to append, built once, and a fresh directory per iteration. */
    @State(Scope.Benchmark)
    public static class Appending {
        Anomaly[] anomalies;
        Path dir;

        @Setup(Level.Trial)
        public void build() {
            anomalies = new Anomaly[ROWS];
            for (int i = 0; i < ROWS; i++) {
                anomalies[i] = BenchAnomalies.sample(STREAM, i);
            }
        }

        @Setup(Level.Iteration)
        public void freshDir() throws IOException {
            dir = Files.createTempDirectory("zscope-bench-append");
        }

        @TearDown(Level.Iteration)
        public void dropDir() {
            delete(dir);
        }
    }

    /**
     * A {@value #ROWS}-row log written once. Built without keeping the anomalies, so that the heap
     * holds nothing but what the read-back itself keeps (it matters with a small {@code -Xmx}).
     */
    @State(Scope.Benchmark)
    public static class Written {
        Path dir;

        @Setup(Level.Trial)
        public void write() throws IOException {
            dir = Files.createTempDirectory("zscope-bench-read");
            try (AnomalyLog log = AnomalyLog.open(dir, a -> { })) {
                List<Anomaly> batch = new ArrayList<>(1_000);
                for (int i = 0; i < ROWS; i++) {
                    batch.add(BenchAnomalies.sample(STREAM, i));
                    if (batch.size() == 1_000) {
                        log.append(batch);
                        batch.clear();
                    }
                }
            }
        }

        @TearDown(Level.Trial)
        public void dropDir() {
            delete(dir);
        }
    }

    /** Appends {@value #ROWS} anomalies one call each, then closes (flush and sync): µs per append. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long append(Appending state) throws IOException {
        try (AnomalyLog log = AnomalyLog.open(state.dir, a -> { })) {
            for (Anomaly anomaly : state.anomalies) {
                log.append(anomaly);
            }
            return log.syncCount();
        }
    }

    /** Reads a {@value #ROWS}-row log back into a store, as startup does: seconds per read-back. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void readBack(Written state, Blackhole bh) throws IOException {
        java.util.concurrent.atomic.AtomicLong rows = new java.util.concurrent.atomic.AtomicLong();
        try (AnomalyLog log = AnomalyLog.open(state.dir, a -> {
            rows.incrementAndGet();
            bh.consume(a);
        })) {
            bh.consume(log);
        }
        if (rows.get() != ROWS) {
            throw new IllegalStateException("read back " + rows.get() + " of " + ROWS + " rows");
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
