package dev.zscope.anomaly;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where anomalies are kept and how they reach the database, bound from {@code zscope.anomaly.*}.
 *
 * @param dataDirectory {@code zscope.anomaly.data-directory}: the directory holding
 *                      {@code anomalies.csv} and, unless {@code spring.datasource.url} names another
 *                      database, the embedded H2 database {@code zscope.mv.db}; created if missing;
 *                      relative paths resolve against the working directory. Default {@code data}.
 * @param writeQueue    {@code zscope.anomaly.write-queue}: how many anomalies may wait for the
 *                      database before recording blocks (for at most a second, see
 *                      {@link AnomalyWriter}). Default 100,000, at least 1,000.
 * @param writeInterval {@code zscope.anomaly.write-interval}: how long the writer collects anomalies
 *                      into one batch insert. Default 100 ms.
 */
@Validated
@ConfigurationProperties("zscope.anomaly")
public record AnomalyProperties(
        @DefaultValue("data") @NotNull Path dataDirectory,
        @DefaultValue("100000") @Min(1000) int writeQueue,
        @DefaultValue("100ms") @NotNull Duration writeInterval) {

    /** The defaults, with the given data directory; for tests and tools. */
    static AnomalyProperties in(Path dataDirectory) {
        return new AnomalyProperties(dataDirectory, 100_000, Duration.ofMillis(100));
    }
}
