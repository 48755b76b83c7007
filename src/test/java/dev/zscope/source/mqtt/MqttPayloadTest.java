package dev.zscope.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zscope.source.PayloadFormat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a message may carry: a number, or JSON with a timestamp and a value. */
class MqttPayloadTest {

    private static final long NOW = 1_714_564_800_000L;

    private static MqttPayload.Point read(PayloadFormat f, String payload) throws Exception {
        return MqttPayload.read(f, payload.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void aNumberIsStampedWithItsArrival() throws Exception {
        assertThat(read(PayloadFormat.NUMBER, " 21.5\n")).isEqualTo(new MqttPayload.Point(NOW, 21.5));
        assertThat(read(PayloadFormat.NUMBER, "-3e2").value()).isEqualTo(-300);
    }

    @Test
    void jsonCarriesItsOwnTimeInEitherForm() throws Exception {
        assertThat(read(PayloadFormat.JSON, "{\"timestamp\":1714564790000,\"value\":1.5}"))
                .isEqualTo(new MqttPayload.Point(1_714_564_790_000L, 1.5));
        assertThat(read(PayloadFormat.JSON, "{\"value\":\"2\",\"timestamp\":\"2024-05-01T11:59:50Z\",\"unit\":\"C\"}"))
                .isEqualTo(new MqttPayload.Point(1_714_564_790_000L, 2));
        assertThat(read(PayloadFormat.JSON, "{\"value\":3}")).isEqualTo(new MqttPayload.Point(NOW, 3));
    }

    @Test
    void whatHoldsNoPointIsRefusedWithAReason() {
        assertThatThrownBy(() -> read(PayloadFormat.NUMBER, "warm")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> read(PayloadFormat.NUMBER, "NaN")).hasMessageContaining("NaN");
        assertThatThrownBy(() -> read(PayloadFormat.JSON, "21.5")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> read(PayloadFormat.JSON, "{\"timestamp\":1}")).hasMessageContaining("no \"value\"");
        assertThatThrownBy(() -> read(PayloadFormat.JSON, "{\"value\":")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> read(PayloadFormat.JSON, "{\"value\":1,\"timestamp\":\"soon\"}"))
                .hasMessageContaining("timestamp");
        assertThatThrownBy(() -> read(PayloadFormat.JSON, "{\"value\":1,\"timestamp\":" + (NOW + 2 * 86_400_000L) + "}"))
                .hasMessageContaining("one day after");
        assertThatThrownBy(() -> MqttPayload.read(PayloadFormat.NUMBER, new byte[] {(byte) 0xff, '1'}, NOW))
                .hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> MqttPayload.read(PayloadFormat.NUMBER, new byte[70_000], NOW))
                .hasMessageContaining("at most");
    }
}
