package dev.zscope.stream;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Engine configuration that is fixed for the life of the process (run-time knobs live in the
 * settings feature).
 *
 * @param streamName       name of the simulated stream
 * @param historyCapacity  points kept in memory per stream: the chart's history, every
 *                         subscriber's catch-up buffer, and the material to re-seed a detector
 * @param simulatorEnabled whether the simulated source ticks (off for tests that feed points)
 */
@Validated
@ConfigurationProperties("zscope.engine")
public record EngineProperties(@DefaultValue("simulated") @NotBlank String streamName,
                               @DefaultValue("10000") @Min(100) int historyCapacity,
                               @DefaultValue("true") boolean simulatorEnabled) {
}
