package dev.zscope.streams;

import dev.zscope.detection.StreamHints;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Streams declared in configuration, bound from {@code zscope.streams.<name>.*}: for now their
 * hints, {@code zscope.streams.<name>.hints.min|max|period}. Such a stream exists from the start
 * (idle until its first point) and gets these hints at every start, so configuration managed by
 * automation stays what is in force; hints set over the API or in the form last until then.
 *
 * @param streams by stream name
 */
@ConfigurationProperties("zscope")
public record StreamsProperties(@DefaultValue Map<String, Declared> streams) {

    /** One declared stream. */
    public record Declared(@DefaultValue Hints hints) {
    }

    /**
     * @param min    lowest value expected, or not set
     * @param max    highest value expected, or not set
     * @param period points in the stream or the horizon to scale for, or not set
     */
    public record Hints(Double min, Double max, Long period) {

        /** As the detection's hints; refuses what they refuse. */
        public StreamHints toStreamHints() {
            return new StreamHints(min == null ? Double.NaN : min, max == null ? Double.NaN : max,
                    period == null ? 0 : period);
        }
    }
}
