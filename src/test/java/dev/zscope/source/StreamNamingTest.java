package dev.zscope.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zscope.engine.StreamNames;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one rule from what sources name to stream names. */
class StreamNamingTest {

    @Test
    void validNamesStayAsTheyAre() {
        assertThat(StreamNaming.name(List.of("prom", "node_load1", "localhost:9100", "node")))
                .isEqualTo("prom.node_load1.localhost:9100.node");
        assertThat(StreamNaming.name(List.of("boiler-1"))).isEqualTo("boiler-1");
    }

    @Test
    void forbiddenCharactersBecomeUnderscoresAndAHashKeepsNamesApart() {
        String a = StreamNaming.name(List.of("api", "/v1/query"));
        String b = StreamNaming.name(List.of("api", "_v1_query"));
        String c = StreamNaming.name(List.of("api", " v1 query"));
        assertThat(a).matches("api\\._v1_query-[0-9a-f]{8}");
        assertThat(b).isEqualTo("api._v1_query");
        assertThat(c).startsWith("api._v1_query-").isNotEqualTo(a);
        assertThat(StreamNaming.name(List.of("api", "/v1/query"))).as("the same parts, the same name").isEqualTo(a);
    }

    @Test
    void longNamesAreCutWithAHash() {
        String longLabel = "x".repeat(150);
        String n1 = StreamNaming.name(List.of("src", longLabel));
        String n2 = StreamNaming.name(List.of("src", longLabel + "y"));
        assertThat(n1).hasSize(100).startsWith("src.xxx").isNotEqualTo(n2);
        assertThat(n2).hasSize(100);
    }

    @Test
    void everyResultIsAValidStreamName() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            int len = random.nextInt(130);
            for (int k = 0; k < len; k++) {
                s.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
            }
            assertThat(StreamNames.isValid(StreamNaming.name(List.of(s.toString())))).as(s.toString()).isTrue();
        }
        assertThat(StreamNames.isValid(StreamNaming.name(List.of("")))).isTrue();
    }
}
