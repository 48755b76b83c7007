package dev.zscope.simulator;

import dev.zscope.engine.StreamNames;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The built-in simulated source, bound from {@code zscope.engine.*} (the names users already set).
 *
 * @param streamName       name of the first simulated stream; further ones are called
 *                         {@code <name>-2}, {@code <name>-3}…
 * @param simulatedStreams how many simulated streams run (each with its own seed and shape)
 * @param simulatorEnabled whether the simulated source ticks (off for tests that feed points)
 */
@Validated
@ConfigurationProperties("zscope.engine")
public record SimulatorProperties(@DefaultValue("simulated") @NotBlank String streamName,
                                  @DefaultValue("3") @Min(0) @Max(100_000) int simulatedStreams,
                                  @DefaultValue("true") boolean simulatorEnabled) {

    public SimulatorProperties {
        StreamNames.require(streamName);
    }
}
