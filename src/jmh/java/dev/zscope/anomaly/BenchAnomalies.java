package dev.zscope.anomaly;

import dev.zscope.stream.AnomalyHandler;
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

    /** The handler the application registers with the engine: {@link AnomalyRecorder}. */
    public static AnomalyHandler recorder(AnomalyService service) {
        return new AnomalyRecorder(service);
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
