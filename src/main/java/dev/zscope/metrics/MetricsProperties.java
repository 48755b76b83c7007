package dev.zscope.metrics;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The metrics' limits, bound from {@code zscope.metrics.*}.
 *
 * @param maxStreams how many streams get series of their own (tag {@code stream}); the points and
 *                   anomalies of all further streams are summed under {@code stream="(other)"}, so
 *                   100,000 streams cost Prometheus 1,001 series per meter, not 100,000. Default 1,000.
 */
@Validated
@ConfigurationProperties("zscope.metrics")
public record MetricsProperties(@DefaultValue("1000") @Min(0) @Max(100_000) int maxStreams) {
}
