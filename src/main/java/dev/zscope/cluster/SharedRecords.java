package dev.zscope.cluster;

import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.ingest.TokenReplica;
import dev.zscope.settings.ZscopeSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * What every node of a cluster shares through the compacted topics: the settings in force, each
 * stream's detector of its own, the stream registry and the API tokens. Reads them all from the
 * start when the node starts, before the rest of the node is built (so the engine starts with the
 * cluster's registry), then follows them on a thread of its own and tells the listeners of each
 * change. Records that cannot be read are skipped with a warning.
 */
final class SharedRecords implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SharedRecords.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    /** A stream as the registry has it. */
    record StreamEntry(long createdMillis, boolean archived) {
    }

    /** Hears of registry changes (a null entry: the stream was deleted). */
    interface RegistryListener {
        void stream(String name, StreamEntry entry);

        void ownDetector(String name, DetectorChoice choice);
    }

    private final ClusterTopics topics;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, StreamEntry> registry = new ConcurrentHashMap<>();
    private final Map<String, DetectorChoice> own = new ConcurrentHashMap<>();
    private final Map<String, TokenReplica.SharedToken> tokens = new ConcurrentHashMap<>();
    private final List<Consumer<ZscopeSettings>> settingsListeners = new CopyOnWriteArrayList<>();
    private final List<RegistryListener> registryListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<TokenReplica.SharedToken>> tokenListeners = new CopyOnWriteArrayList<>();
    private volatile SettingsRecord.Published settings;
    private final Thread thread;
    private final int settingsPartitions;
    private volatile boolean closed;

    SharedRecords(ClusterProperties properties) {
        this.topics = properties.topics();
        TopicSetup.ensure(properties);
        this.consumer = new KafkaConsumer<>(ClientConfigs.consumer(properties, "zscope-shared", null));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.settings(), topics.streams(), topics.tokens())) {
            consumer.partitionsFor(topic, CATCH_UP).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        settingsPartitions = (int) partitions.stream().filter(p -> p.topic().equals(topics.settings())).count();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        catchUp(partitions);
        log.info("Cluster state read: {} streams, {} with a detector of their own, {} shared tokens, settings {}",
                registry.size(), own.size(), tokens.size(), settings == null ? "not published yet" : "published");
        thread = Thread.ofPlatform().name("zscope-shared").daemon().start(this::follow);
    }

    private void catchUp(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, CATCH_UP);
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), CATCH_UP) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read the cluster's shared topics within " + CATCH_UP);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(this::apply);
        }
    }

    private void follow() {
        try {
            while (!closed) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    synchronized (this) {
                        apply(r);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("Following the cluster's shared topics failed; settings, registry and tokens of other nodes"
                    + " no longer reach this one until it restarts", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        try {
            if (r.topic().equals(topics.settings())) {
                applySettings(r.key(), r.value());
            } else if (r.topic().equals(topics.streams())) {
                StreamEntry entry = r.value() == null ? null : RegistryRecord.decode(r.value());
                StreamEntry before = entry == null ? registry.remove(r.key()) : registry.put(r.key(), entry);
                if (entry == null) {
                    own.remove(r.key());
                }
                if (!java.util.Objects.equals(before, entry)) {
                    registryListeners.forEach(l -> l.stream(r.key(), entry));
                }
            } else if (r.topic().equals(topics.tokens()) && r.value() != null) {
                TokenReplica.SharedToken token = TokenRecord.decode(r.key(), r.value());
                tokens.put(token.sha256(), token);
                tokenListeners.forEach(l -> l.accept(token));
            }
        } catch (RuntimeException e) {
            log.warn("Skipped an unusable record of {} (key '{}', offset {}): {}", r.topic(), r.key(), r.offset(),
                    e.getMessage());
        }
    }

    private void applySettings(String key, byte[] value) {
        if (SettingsRecord.DEFAULTS.equals(key)) {
            if (value == null) {
                return;
            }
            SettingsRecord.Published next = SettingsRecord.decodeSettings(value);
            if (settings == null || next.version().compareTo(settings.version()) > 0) {
                settings = next;
                settingsListeners.forEach(l -> l.accept(next.settings()));
            }
        } else if (key != null) {
            DetectorChoice choice = value == null ? null : SettingsRecord.decodeChoice(value);
            DetectorChoice before = choice == null ? own.remove(key) : own.put(key, choice);
            if (!java.util.Objects.equals(before, choice)) {
                registryListeners.forEach(l -> l.ownDetector(key, choice));
            }
        }
    }

    /** How many partitions the settings topic has: settings in force are published to each. */
    int settingsPartitions() {
        return settingsPartitions;
    }

    /** The registry as read so far. */
    Map<String, StreamEntry> registry() {
        return Map.copyOf(registry);
    }

    StreamEntry stream(String name) {
        return registry.get(name);
    }

    /** The detector of its own of each stream that has one. */
    Map<String, DetectorChoice> ownDetectors() {
        return Map.copyOf(own);
    }

    DetectorChoice ownDetector(String name) {
        return own.get(name);
    }

    /** The newest published settings, or null. */
    SettingsRecord.Published settings() {
        return settings;
    }

    /** Calls {@code listener} with the published settings (now, if any) and each newer ones; says if any. */
    synchronized boolean followSettings(Consumer<ZscopeSettings> listener) {
        settingsListeners.add(listener);
        SettingsRecord.Published now = settings;
        if (now != null) {
            listener.accept(now.settings());
        }
        return now != null;
    }

    synchronized void followRegistry(RegistryListener listener) {
        registryListeners.add(listener);
    }

    /** Calls {@code listener} with every shared token now, then with each new record. */
    synchronized void followTokens(Consumer<TokenReplica.SharedToken> listener) {
        tokenListeners.add(listener);
        tokens.values().forEach(listener);
    }

    @Override
    public void destroy() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        thread.join(10_000);
    }
}
