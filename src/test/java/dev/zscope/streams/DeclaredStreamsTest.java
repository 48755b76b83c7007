package dev.zscope.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.zscope.detection.StreamHints;
import dev.zscope.engine.AnomalySink;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.EngineProperties;
import dev.zscope.engine.StreamStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code zscope.streams.<name>.hints.*}: bound by these names, applied at start, refused when unusable. */
class DeclaredStreamsTest {

    private final DetectionEngine engine = new DetectionEngine(EngineProperties.defaults(), AnomalySink.DISCARD,
            StreamStore.NONE);

    private static StreamsProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("zscope",
                StreamsProperties.class);
    }

    @Test
    void declaredStreamsExistFromTheStartWithTheirHints() {
        StreamsProperties properties = bind(Map.of(
                "zscope.streams.boiler.hints.min", "0",
                "zscope.streams.boiler.hints.max", "120.5",
                "zscope.streams.boiler.hints.period", "1440",
                "zscope.streams[api.cpu:p99].hints.max", "100"));
        new DeclaredStreams(properties, engine).afterPropertiesSet();

        assertThat(engine.hints("boiler")).isEqualTo(new StreamHints(0, 120.5, 1440));
        assertThat(engine.hints("api.cpu:p99")).isEqualTo(new StreamHints(Double.NaN, 100, 0));
    }

    @Test
    void noDeclarationsChangeNothing() {
        new DeclaredStreams(bind(Map.of()), engine).afterPropertiesSet();
        assertThat(engine.statuses()).isEmpty();
    }

    @Test
    void anUnusableDeclarationStopsTheStartNamingTheProperty() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new DeclaredStreams(bind(Map.of("zscope.streams.x.hints.min", "10",
                        "zscope.streams.x.hints.max", "5")), engine).afterPropertiesSet())
                .withMessageContaining("zscope.streams.x.hints").withMessageContaining("min");
        assertThatIllegalStateException()
                .isThrownBy(() -> new DeclaredStreams(bind(Map.of("zscope.streams[a b].hints.min", "1")), engine)
                        .afterPropertiesSet())
                .withMessageContaining("not a stream name");
    }
}
