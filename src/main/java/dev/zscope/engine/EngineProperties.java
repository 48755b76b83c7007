package dev.zscope.engine;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Engine configuration that is fixed for the life of the process (run-time knobs live in the
 * settings feature).
 *
 * @param streamName       name of the first simulated stream, the one the dashboard opens on;
 *                         further simulated streams are called {@code <name>-2}, {@code <name>-3}…
 * @param simulatedStreams how many simulated streams run (each with its own seed and shape)
 * @param historyCapacity  points kept in memory per stream: the chart's history, every
 *                         subscriber's catch-up buffer, and the material to re-seed a detector
 *                         ({@value PointHistory#BYTES_PER_POINT} bytes a point)
 * @param maxStreams       streams the engine accepts before refusing new names
 * @param simulatorEnabled whether the simulated source ticks (off for tests that feed points)
 */
@Validated
@ConfigurationProperties("zscope.engine")
public record EngineProperties(@DefaultValue("simulated") @NotBlank String streamName,
                               @DefaultValue("3") @Min(0) @Max(100_000) int simulatedStreams,
                               @DefaultValue("1000") @Min(100) int historyCapacity,
                               @DefaultValue("100000") @Min(1) int maxStreams,
                               @DefaultValue("true") boolean simulatorEnabled) {

    public EngineProperties {
        StreamNames.require(streamName);
    }
}
