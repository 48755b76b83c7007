package dev.zscope.source.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import dev.zscope.source.SourceDefinition;
import dev.zscope.source.SourceHealth;
import dev.zscope.source.SourceProblems;
import dev.zscope.source.SourceRunner;
import dev.zscope.source.SourceWriter;
import dev.zscope.source.StreamNaming;
import dev.zscope.source.TopicFilter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT source: a HiveMQ MQTT 5 client subscribed to the source's topic filter with QoS 1.
 *
 * <p>Messages are acknowledged only once their points are written (durable, like an HTTP write),
 * so the broker keeps and sends again what was not; {@link Redeliveries} keeps a resend of what was
 * written and acknowledged just before a drop from being counted twice. The session outlives a disconnection by {@link #SESSION_EXPIRY} (messages published
 * meanwhile wait at the broker), and the client reconnects by itself with a backoff from 1 s to
 * {@link #MAX_RECONNECT_DELAY}. The queue between the client's thread and this source's writer
 * thread holds at most {@value #QUEUE} messages; when it is full the client's thread waits, so the
 * broker is held back by TCP rather than anything being dropped. The receive maximum is left at
 * the protocol's default: mosquitto 2.0 was seen to exceed a smaller one under load, which the
 * client answers by disconnecting, and every reconnect then starts the same overflow again.
 *
 * <p>The writer takes what has arrived (up to {@value #BATCH} messages), writes each
 * stream's points in one batch, then acknowledges them in order. A payload that holds no point is
 * reported and acknowledged (sending it again would not help); while anomalies cannot be kept the
 * batch is retried and nothing is acknowledged.
 */
final class MqttSubscriber implements SourceRunner {

    static final int BATCH = 1000;
    static final int QUEUE = 2 * BATCH;
    static final Duration SESSION_EXPIRY = Duration.ofHours(1);
    static final Duration MAX_RECONNECT_DELAY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(MqttSubscriber.class);

    private final SourceDefinition source;
    private final TopicFilter filter;
    private final SourceWriter writer;
    private final Clock clock;
    private final Mqtt5AsyncClient client;
    private final BlockingQueue<Arrival> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Redeliveries redeliveries = new Redeliveries(QUEUE);
    private final SourceProblems problems = new SourceProblems();
    private final Set<String> streams = ConcurrentHashMap.newKeySet();
    private final Thread worker;
    private volatile boolean connected;
    private volatile boolean everConnected;
    private volatile boolean stopped;
    private volatile Instant lastMessage;
    private volatile long redelivered;

    /** A message, when it arrived and on which connection ({@link Redeliveries#connection()}). */
    record Arrival(Mqtt5Publish publish, long millis, long connection) {
    }

    MqttSubscriber(SourceDefinition source, SourceWriter writer, Clock clock) {
        this.source = source;
        this.filter = new TopicFilter(source.topic());
        this.writer = writer;
        this.clock = clock;
        this.client = build(source);
        this.worker = Thread.ofPlatform().name("zscope-mqtt-" + source.name()).daemon().unstarted(this::work);
    }

    private Mqtt5AsyncClient build(SourceDefinition d) {
        URI uri = URI.create(d.url());
        boolean tls = uri.getScheme().equalsIgnoreCase("ssl") || uri.getScheme().equalsIgnoreCase("mqtts");
        Mqtt5ClientBuilder b = Mqtt5Client.builder()
                .identifier("zscope-" + d.name())
                .serverHost(uri.getHost())
                .serverPort(uri.getPort() > 0 ? uri.getPort() : tls ? 8883 : 1883)
                .automaticReconnect().initialDelay(1, TimeUnit.SECONDS)
                .maxDelay(MAX_RECONNECT_DELAY.toSeconds(), TimeUnit.SECONDS).applyAutomaticReconnect()
                .addConnectedListener(c -> onConnected())
                .addDisconnectedListener(c -> onDisconnected(c.getCause()));
        if (tls) {
            b = b.sslWithDefaultConfig();
        }
        if (d.username() != null) {
            b = b.simpleAuth().username(d.username())
                    .password(d.password() == null ? new byte[0] : d.password().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        return b.buildAsync();
    }

    @Override
    public void start() {
        client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, this::arrived, true);
        worker.start();
        client.connectWith().cleanStart(false).sessionExpiryInterval(SESSION_EXPIRY.toSeconds()).send()
                .whenComplete((ack, e) -> {
                    if (e != null) {
                        problems.error("cannot connect to " + source.safeUrl() + ": " + message(e), clock.instant());
                        log.warn("Source '{}' cannot connect to {} (retrying): {}", source.name(), source.safeUrl(),
                                message(e));
                    }
                });
    }

    private void onConnected() {
        connected = true;
        everConnected = true;
        redeliveries.reconnected();
        log.info("Source '{}' connected to {}", source.name(), source.safeUrl());
        // After a session the broker kept this is a no-op; after one it lost, it subscribes afresh.
        client.subscribeWith().topicFilter(filter.filter()).qos(MqttQos.AT_LEAST_ONCE)
                .retainHandling(Mqtt5RetainHandling.DO_NOT_SEND).send()
                .whenComplete((ack, e) -> {
                    if (e != null) {
                        problems.error("cannot subscribe to " + filter.filter() + ": " + message(e), clock.instant());
                    } else if (ack.getReasonCodes().stream().anyMatch(c -> c.isError())) {
                        problems.error("the broker refused the subscription to " + filter.filter() + ": "
                                + ack.getReasonCodes(), clock.instant());
                    }
                });
    }

    private void onDisconnected(Throwable cause) {
        if (connected) {
            log.warn("Source '{}' lost its connection to {} (reconnecting): {}", source.name(), source.safeUrl(),
                    message(cause));
        }
        connected = false;
        redeliveries.disconnected(clock.millis());
        if (!stopped && everConnected) {
            problems.error("disconnected from " + source.safeUrl() + ": " + message(cause), clock.instant());
        }
    }

    /**
     * On the client's thread: hands the message over, waiting while the queue is full. Waiting there
     * stops the client reading from the socket, which holds the broker back (TCP flow control)
     * without dropping anything; the queue bounds the memory.
     */
    private void arrived(Mqtt5Publish publish) {
        Arrival arrival = new Arrival(publish, clock.millis(), redeliveries.connection());
        try {
            while (!stopped && !queue.offer(arrival, 200, TimeUnit.MILLISECONDS)) {
                // the writer is behind (or the store refuses writes): wait for room
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        List<Arrival> batch = new ArrayList<>();
        while (!stopped) {
            try {
                Arrival first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                process(batch);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                problems.error("writing failed: " + e.getMessage(), clock.instant());
                log.error("Source '{}' failed to write a batch of messages", source.name(), e);
            }
            batch.clear();
        }
    }

    /** Writes a batch and acknowledges it; retried while the store cannot keep anomalies. */
    void process(List<Arrival> batch) throws InterruptedException {
        lastMessage = Instant.ofEpochMilli(batch.getLast().millis());
        MqttBatch points = new MqttBatch(source.payload());
        for (Arrival a : batch) {
            String topic = a.publish().getTopic().toString();
            byte[] payload = a.publish().getPayloadAsBytes();
            if (redeliveries.isRedelivery(topic, payload, a.connection())) {
                redelivered++;
                continue;
            }
            String level = filter.streamLevel(topic);
            String stream = StreamNaming.name(List.of(level == null ? source.name() : level));
            try {
                MqttPayload.Point p = MqttPayload.read(source.payload(), payload, a.millis());
                points.add(stream, p.millis(), p.value());
            } catch (MqttPayload.RefusedException e) {
                problems.error("topic " + abbreviate(topic) + ": " + e.getMessage(), clock.instant());
            }
        }
        long backoff = 500;
        while (!stopped) {
            try {
                points.writeEach(writer, problems, streams);
                break;
            } catch (SourceWriter.WriteException e) { // anomalies cannot be kept now: nothing acknowledged yet
                problems.error(e.getMessage(), clock.instant());
                Thread.sleep(backoff);
                backoff = Math.min(10_000, backoff * 2);
            }
        }
        if (!stopped) {
            for (Arrival a : batch) {
                a.publish().acknowledge();
                redeliveries.acknowledged(a.publish().getTopic().toString(), a.publish().getPayloadAsBytes(),
                        clock.millis());
            }
        }
    }

    @Override
    public void stop() {
        stopped = true;
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.disconnect();
    }

    @Override
    public SourceHealth health() {
        SourceHealth.State state = stopped ? SourceHealth.State.STOPPED : connected ? SourceHealth.State.OK
                : everConnected || problems.errors() > 0 ? SourceHealth.State.FAILING : SourceHealth.State.STARTING;
        Arrival oldest = queue.peek();
        Duration lag = oldest == null ? Duration.ZERO : Duration.ofMillis(Math.max(0, clock.millis() - oldest.millis()));
        return new SourceHealth(source.name(), state, lastMessage, problems.lastError(), problems.lastErrorAt(), lag,
                streams.size(), problems.points(), problems.errors());
    }

    /** Messages recognised as redeliveries and not written again, since start. */
    long redelivered() {
        return redelivered;
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
