package dev.zscope.anomaly;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where anomalies are kept and how many the grid can query, bound from {@code zscope.anomaly.*}.
 *
 * @param dataDirectory {@code zscope.anomaly.data-directory}: the directory holding
 *                      {@code anomalies.csv}, created if missing; relative paths resolve against the
 *                      working directory. Default {@code data}.
 * @param memoryLimit   {@code zscope.anomaly.memory-limit}: how many of the newest anomalies are kept
 *                      in memory for the grid (roughly 100 bytes each); older ones stay in the file
 *                      only. Default 1,000,000, at least 1,000.
 */
@Validated
@ConfigurationProperties("zscope.anomaly")
public record AnomalyProperties(
        @DefaultValue("data") @NotNull Path dataDirectory,
        @DefaultValue("1000000") @Min(1000) int memoryLimit) {
}
