package dev.zscope.engine;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Engine configuration that is fixed for the life of the process (run-time knobs live in the
 * settings feature), bound from {@code zscope.engine.*}.
 *
 * @param historyCapacity   points kept in memory per stream: the chart's history, every
 *                          subscriber's catch-up buffer, and the material to re-seed a detector
 *                          ({@value PointHistory#BYTES_PER_POINT} bytes a point)
 * @param maxStreams        streams the engine accepts before refusing new names
 * @param feedCapacity      anomalies of all streams the engine-wide feed keeps for its subscribers
 * @param stateSaveInterval how often the detector states of streams that changed are saved (they
 *                          are saved on shutdown too); a crash loses at most this much learning
 */
@Validated
@ConfigurationProperties("zscope.engine")
public record EngineProperties(@DefaultValue("1000") @Min(100) int historyCapacity,
                               @DefaultValue("100000") @Min(1) int maxStreams,
                               @DefaultValue("10000") @Min(100) @Max(10_000_000) int feedCapacity,
                               @DefaultValue("2m") @NotNull Duration stateSaveInterval) {

    /** The defaults, for tools and tests that build an engine by hand. */
    public static EngineProperties defaults() {
        return new EngineProperties(1000, 100_000, 10_000, Duration.ofMinutes(2));
    }
}
