package dev.zscope.cluster;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A Kafka broker (KRaft, broker and controller in one) inside the test JVM, on a free port, set up
 * for exactly-once Streams on one broker: transaction state replicated once, one in-sync replica.
 */
final class TestBroker {

    private TestBroker() {
    }

    static EmbeddedKafkaKraftBroker start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        return broker;
    }
}
