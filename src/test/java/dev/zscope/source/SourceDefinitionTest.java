package dev.zscope.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing and checking a source's fields, whichever way they come in; and its password stays hidden. */
class SourceDefinitionTest {

    private static SourceDefinition of(String name, String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return SourceDefinition.of(name, m, SourceDefinition.Origin.CONFIGURATION);
    }

    private static void refused(String field, String message, String... keyValues) {
        assertThatThrownBy(() -> of("s", keyValues)).isInstanceOf(SourceException.class)
                .hasMessageContaining(message).extracting(e -> ((SourceException) e).field()).isEqualTo(field);
    }

    @Test
    void prometheusWithDefaults() {
        SourceDefinition d = of("prom", "type", "prometheus", "url", "http://localhost:9090/", "query", "up");
        assertThat(d.url()).isEqualTo("http://localhost:9090");
        assertThat(d.step()).isEqualTo(Duration.ofSeconds(15));
        assertThat(d.lookback()).isEqualTo(Duration.ofHours(1));
        assertThat(d.delay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(of("p", "type", "Prometheus", "url", "https://p", "query", "up", "step", "1m", "lookback", "0s")
                .step()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void mqttWithDefaults() {
        SourceDefinition d = of("m", "type", "mqtt", "url", "tcp://broker:1883", "topic", "sensors/+/value");
        assertThat(d.payload()).isEqualTo(PayloadFormat.NUMBER);
        assertThat(of("m", "type", "mqtt", "url", "ssl://b", "topic", "a/#", "payload", "JSON").payload())
                .isEqualTo(PayloadFormat.JSON);
    }

    @Test
    void eachMistakeNamesItsField() {
        refused("type", "not a source type", "type", "kafka");
        refused("url", "http:// or https://", "type", "prometheus", "url", "ftp://x", "query", "up");
        refused("url", "missing", "type", "prometheus", "query", "up");
        refused("query", "needs a PromQL query", "type", "prometheus", "url", "http://x");
        refused("step", "not a duration", "type", "prometheus", "url", "http://x", "query", "up", "step", "fast");
        refused("step", "not between", "type", "prometheus", "url", "http://x", "query", "up", "step", "100ms");
        refused("url", "tcp://", "type", "mqtt", "url", "http://x", "topic", "a");
        refused("topic", "whole level", "type", "mqtt", "url", "tcp://x", "topic", "a/b+/c");
        refused("topic", "last one", "type", "mqtt", "url", "tcp://x", "topic", "a/#/c");
        refused("payload", "number or json", "type", "mqtt", "url", "tcp://x", "topic", "a", "payload", "xml");
        refused("password", "needs a username", "type", "mqtt", "url", "tcp://x", "topic", "a", "password", "p");
        assertThatThrownBy(() -> of("a b", "type", "mqtt")).hasMessageContaining("not a source name");
    }

    @Test
    void thePasswordIsNeverShown() {
        SourceDefinition d = of("m", "type", "mqtt", "url", "tcp://user:inurl@broker", "topic", "a",
                "username", "u", "password", "s3cret-value");
        assertThat(d.toString()).doesNotContain("s3cret-value").doesNotContain("inurl").contains("****");
        assertThat(d.withoutSecret().password()).isNull();
        assertThat(d.withoutSecret().hasPassword()).isFalse();
        assertThat(d.fields(false)).doesNotContainKey("password");
        assertThat(d.fields(true)).containsEntry("password", "s3cret-value");
        assertThat(d.safeUrl()).isEqualTo("tcp://broker");
        assertThat(new SourcesProperties.Fields("mqtt", "u", null, null, null, null, "t", null, "u", "pw-123")
                .toString()).doesNotContain("pw-123");
    }

    @Test
    void fieldsReadBackToTheSameDefinition() {
        SourceDefinition d = of("p", "type", "prometheus", "url", "http://x:9090", "query", "rate(a[5m])", "step", "30s",
                "username", "u", "password", "p");
        assertThat(SourceDefinition.of("p", d.fields(true), SourceDefinition.Origin.CONFIGURATION)).isEqualTo(d);
    }
}
