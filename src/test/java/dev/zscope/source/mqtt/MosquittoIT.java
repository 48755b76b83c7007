package dev.zscope.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.source.Daemon;
import dev.zscope.source.SourceHealth;
import dev.zscope.source.SourceService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * MQTT as a source against Debian's {@code mosquitto} (2.0), which the test starts on a free port:
 * numbers published to {@code sensors/boiler-1/value} appear on stream {@code boiler-1}; the broker
 * is stopped and started again, the source says so and reconnects by itself, and publishing resumes.
 * Skipped without mosquitto, except in CI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vaadin.productionMode=true",
        "zscope.engine.simulator-enabled=false",
        "ZSCOPE_ADMIN_PASSWORD=mqtt-it-admin",
        "zscope.sources.sensors.type=mqtt",
        "zscope.sources.sensors.topic=sensors/+/value",
        "zscope.sources.sensors.payload=number",
        "zscope.sources.devices.type=mqtt",
        "zscope.sources.devices.topic=devices/+/reading",
        "zscope.sources.devices.payload=json"})
class MosquittoIT {

    private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
    private static Path dir;
    private static Daemon broker;

    @BeforeAll
    static void broker() throws Exception {
        Daemon.require(MOSQUITTO, "mosquitto");
        dir = Files.createDirectories(Path.of("target", "mosquitto-it", UUID.randomUUID().toString()).toAbsolutePath());
        int port = Daemon.freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        broker = Daemon.start(List.of(MOSQUITTO.toString(), "-c", conf.toString()), dir.resolve("mosquitto.log"), port);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("zscope.data-dir", () -> dir.resolve("data").toString());
        registry.add("zscope.sources.sensors.url", () -> "tcp://127.0.0.1:" + broker.port());
        registry.add("zscope.sources.devices.url", () -> "tcp://127.0.0.1:" + broker.port());
    }

    @Autowired
    DetectionEngine engine;
    @Autowired
    SourceService sources;

    private long points(String stream) {
        return engine.exists(stream) ? engine.status(stream).points() : 0;
    }

    private static Mqtt5BlockingClient publisher() {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("it-publisher-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        c.connect();
        return c;
    }

    private static void publish(Mqtt5BlockingClient c, String topic, String payload) {
        c.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8)).send();
    }

    private SourceHealth.State state(String source) {
        return sources.health(source).orElseThrow().state();
    }

    @Test
    void pointsAppearOnTheStreamOfTheirTopicLevelAndSurviveABrokerRestart() {
        await().atMost(Duration.ofSeconds(20)).until(() -> state("sensors") == SourceHealth.State.OK);
        Mqtt5BlockingClient c = publisher();
        for (int i = 0; i < 10; i++) {
            publish(c, "sensors/boiler-1/value", Double.toString(20 + i * 0.1));
        }
        publish(c, "sensors/boiler-2/value", "not a number");
        await().atMost(Duration.ofSeconds(20)).until(() -> points("boiler-1") == 10);
        assertThat(engine.latestValues("boiler-1", 10)).containsExactly(20.0, 20.1, 20.2, 20.3, 20.4, 20.5, 20.6,
                20.7, 20.8, 20.9);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sources.health("sensors").orElseThrow()
                .lastError()).contains("sensors/boiler-2/value").contains("not a number"));
        c.disconnect();

        broker.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> state("sensors") == SourceHealth.State.FAILING);
        assertThat(sources.health("sensors").orElseThrow().lastError()).contains("disconnected");
        broker.start();
        await().atMost(Duration.ofSeconds(90)).until(() -> state("sensors") == SourceHealth.State.OK);

        Mqtt5BlockingClient again = publisher();
        for (int i = 0; i < 10; i++) {
            publish(again, "sensors/boiler-1/value", Double.toString(30 + i));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> points("boiler-1") == 20);
        assertThat(engine.latestValues("boiler-1", 3)).containsExactly(37.0, 38.0, 39.0);
        again.disconnect();
    }

    @Test
    void jsonPayloadsCarryTheirTimeAndACopyIsNotCountedTwice() {
        await().atMost(Duration.ofSeconds(20)).until(() -> state("devices") == SourceHealth.State.OK);
        Mqtt5BlockingClient c = publisher();
        long t0 = System.currentTimeMillis() - 60_000;
        for (int i = 0; i < 5; i++) {
            publish(c, "devices/pump-7/reading", "{\"timestamp\":" + (t0 + i * 1000) + ",\"value\":" + i + "}");
        }
        publish(c, "devices/pump-7/reading", "{\"timestamp\":" + (t0 + 4000) + ",\"value\":4}"); // sent again
        publish(c, "devices/pump-7/reading", "{\"timestamp\":" + (t0 + 5000) + ",\"value\":5}");
        await().atMost(Duration.ofSeconds(20)).until(() -> points("pump-7") == 6);
        assertThat(engine.status("pump-7").lastPointMillis()).isEqualTo(t0 + 5000);
        c.disconnect();
    }
}
