package dev.zscope.anomaly;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
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
 * @param maxGroup      {@code zscope.anomaly.max-group}: most anomalies written to the log and the
 *                      database in one group (one write, one sync, one transaction); concurrent
 *                      writers share a group. Default 10,000.
 */
@Validated
@ConfigurationProperties("zscope.anomaly")
public record AnomalyProperties(
        @DefaultValue("data") @NotNull Path dataDirectory,
        @DefaultValue("10000") @Min(1) int maxGroup) {

    /** The defaults, with the given data directory; for tests and tools. */
    static AnomalyProperties in(Path dataDirectory) {
        return new AnomalyProperties(dataDirectory, 10_000);
    }
}
