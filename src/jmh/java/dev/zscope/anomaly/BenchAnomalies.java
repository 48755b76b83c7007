package dev.zscope.anomaly;

import dev.zscope.engine.AnomalyHandler;
import java.time.Instant;

/**
 * Opens the anomaly feature's package-private parts to the benchmarks in {@code dev.zscope.bench},
 * so that they measure the real recorder and log rather than a look-alike. Benchmark sources only.
 */
public final class BenchAnomalies {

    private BenchAnomalies() {
    }

    /**
     * The service as the application builds it: the anomaly log in {@code dataDir} and an H2
     * database in the same folder, migrated by Flyway.
     */
    public static AnomalyService service(java.nio.file.Path dataDir) {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(EmbeddedDatabase.url(dataDir));
        config.setUsername("sa");
        config.setPassword("");
        com.zaxxer.hikari.HikariDataSource dataSource = new com.zaxxer.hikari.HikariDataSource(config);
        org.flywaydb.core.Flyway.configure().dataSource(dataSource).load().migrate();
        AnomalyService service = new AnomalyService(new AnomalyProperties(dataDir, 100_000,
                java.time.Duration.ofMillis(100)), new org.springframework.jdbc.core.JdbcTemplate(dataSource));
        service.awaitHistory(); // the history is read back on a thread of its own
        return service;
    }

    /** Anomalies recorded but not yet in the database (the writer thread's backlog). */
    public static int pendingWrites(AnomalyService service) {
        return service.pendingWrites();
    }

    /** The handler the application registers with the engine: {@link AnomalyRecorder}. */
    public static AnomalyHandler recorder(AnomalyService service) {
        return new AnomalyRecorder(service);
    }

    /** An anomaly handler, what to close after the run, and the database writer's backlog (0 without one). */
    public record Sink(AnomalyHandler handler, AutoCloseable resources, java.util.function.IntSupplier pending) {
    }

    /**
     * The anomaly log alone, {@code anomalies.csv} in {@code dataDir}, fed the same records the
     * recorder makes, without the database: the "anomaly log" of issue 5's target 3. The database
     * is an index for the grid with its own insert rate; {@link #service} measures both.
     */
    public static Sink logOnly(java.nio.file.Path dataDir) throws java.io.IOException {
        AnomalyLog log = AnomalyLog.open(dataDir, a -> { });
        AnomalyHandler handler = (stream, millis, v) -> log.append(new Anomaly(Instant.ofEpochMilli(millis), stream,
                v.value(), v.score(), v.expected(), v.lower(), v.upper(), v.std(), v.z(), v.threshold(), v.window(),
                v.detector()));
        return new Sink(handler, log, () -> 0);
    }

    /** The service with its log and database, and the application's recorder in front of it. */
    public static Sink logAndDatabase(java.nio.file.Path dataDir) {
        AnomalyService service = service(dataDir);
        return new Sink(recorder(service), service::close, service::pendingWrites);
    }

    /** A plausible logged anomaly: point {@code i} of {@code stream}, a spike of about 8σ. */
    static Anomaly sample(String stream, long i) {
        double mean = 1_000.0 + (i % 97) * 0.125;
        double std = 10.0 + (i % 13) * 0.01;
        double z = (i % 2 == 0 ? 8.0 : -8.0) + (i % 7) * 0.001;
        return new Anomaly(Instant.ofEpochMilli(1_790_000_000_000L + i * 7), stream, mean + z * std, mean,
                std, z, 3.0, 100, "zscore");
    }
}
