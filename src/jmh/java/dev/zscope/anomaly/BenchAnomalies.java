package dev.zscope.anomaly;

import dev.zscope.engine.AnomalySink;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens the anomaly feature's package-private parts to the benchmarks in {@code dev.zscope.bench},
 * so that they measure the real store rather than a look-alike. Benchmark sources only.
 */
public final class BenchAnomalies {

    private BenchAnomalies() {
    }

    /**
     * The service as the application builds it: the anomaly log in {@code dataDir} and an H2
     * database in the same folder, migrated by Flyway.
     */
    public static AnomalyService service(Path dataDir) throws IOException {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(EmbeddedDatabase.url(dataDir));
        config.setUsername("sa");
        config.setPassword("");
        com.zaxxer.hikari.HikariDataSource dataSource = new com.zaxxer.hikari.HikariDataSource(config);
        org.flywaydb.core.Flyway.configure().dataSource(dataSource).load().migrate();
        return new AnomalyService(AnomalyProperties.in(dataDir), new org.springframework.jdbc.core.JdbcTemplate(dataSource));
    }

    /** Where the engine's anomalies go in a benchmark, and what to close after the run. */
    public record Sink(AnomalySink sink, AutoCloseable resources) {
    }

    /** Nothing kept: the engine alone. */
    public static Sink none() {
        return new Sink(AnomalySink.DISCARD, () -> { });
    }

    /** The store with its log and database, as the application has it. */
    public static Sink logAndDatabase(Path dataDir) throws IOException {
        AnomalyService service = service(dataDir);
        return new Sink(service, service::close);
    }
}
