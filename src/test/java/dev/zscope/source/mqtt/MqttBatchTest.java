package dev.zscope.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zscope.source.MemoryWriter;
import dev.zscope.source.PayloadFormat;
import dev.zscope.source.SourceProblems;
import dev.zscope.source.SourceWriter;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A batch's points by stream: older ones and copies left out, retries write nothing twice. */
class MqttBatchTest {

    @Test
    void copiesAndOlderPointsAreLeftOut() {
        MemoryWriter writer = new MemoryWriter();
        SourceProblems problems = new SourceProblems();
        MqttBatch first = new MqttBatch(PayloadFormat.JSON);
        first.add("a", 1000, 1);
        first.add("a", 2000, 2);
        first.writeEach(writer, problems, new HashSet<>());
        MqttBatch second = new MqttBatch(PayloadFormat.JSON);
        second.add("a", 2000, 2); // a copy of the newest
        second.add("a", 1500, 9); // older
        second.add("a", 2000, 3); // same time, another value: a point of its own
        second.add("a", 3000, 4);
        second.writeEach(writer, problems, new HashSet<>());
        assertThat(writer.points("a")).extracting(MemoryWriter.Point::value).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(problems.lastError()).contains("older than the stream's newest");
    }

    @Test
    void aRetryAfterTheStoreFailedWritesOnlyWhatWasNotWritten() {
        MemoryWriter writer = new MemoryWriter();
        writer.failOnceFor(s -> s.equals("b"));
        MqttBatch batch = new MqttBatch(PayloadFormat.NUMBER);
        batch.add("a", 1000, 1);
        batch.add("b", 1000, 1);
        Set<String> streams = new HashSet<>();
        assertThatThrownBy(() -> batch.writeEach(writer, new SourceProblems(), streams))
                .isInstanceOf(SourceWriter.WriteException.class);
        batch.writeEach(writer, new SourceProblems(), streams);
        assertThat(writer.points("a")).hasSize(1);
        assertThat(writer.points("b")).hasSize(1);
        assertThat(streams).containsExactlyInAnyOrder("a", "b");
    }
}
