package dev.zscope.source.mqtt;

import dev.zscope.source.SourceDefinition;
import dev.zscope.source.SourceKind;
import dev.zscope.source.SourceRunner;
import dev.zscope.source.SourceType;
import dev.zscope.source.SourceWriter;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** MQTT sources: one {@link MqttSubscriber}, with its client and writer thread, per source. */
@Component
class MqttKind implements SourceKind {

    private final SourceWriter writer;

    MqttKind(SourceWriter writer) {
        this.writer = writer;
    }

    @Override
    public SourceType type() {
        return SourceType.MQTT;
    }

    @Override
    public SourceRunner create(SourceDefinition definition) {
        return new MqttSubscriber(definition, writer, Clock.systemUTC());
    }
}
