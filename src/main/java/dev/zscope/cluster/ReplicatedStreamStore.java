package dev.zscope.cluster;

import dev.zscope.detection.StreamHints;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.StreamStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream registry in cluster mode: the {@code streams} topic (and, for detectors of their own,
 * the {@code settings} topic) is the registry every node shares; this node's database keeps a copy
 * with its own counters. A change made here is published unless the shared registry already says
 * so, which is also what stops a change received from another node from being published again.
 *
 * <p>Renaming is refused: a stream's detector state lives in detection under its name and
 * partition, and cannot move with it (src/docs/cluster.md).
 */
final class ReplicatedStreamStore implements StreamStore {

    private static final Logger log = LoggerFactory.getLogger(ReplicatedStreamStore.class);

    private final StreamStore local;
    private final SharedRecords shared;
    private final ClusterProducer producer;
    private final ClusterTopics topics;

    ReplicatedStreamStore(StreamStore local, SharedRecords shared, ClusterProducer producer, ClusterTopics topics) {
        this.local = local;
        this.shared = shared;
        this.producer = producer;
        this.topics = topics;
    }

    /**
     * The shared registry, with this node's counters; streams only this node's database knew (from
     * before it joined, or deleted while it was away) are dropped from it.
     */
    @Override
    public List<Stored> loadAll() {
        Map<String, Stored> mine = new HashMap<>();
        local.loadAll().forEach(s -> mine.put(s.name(), s));
        Map<String, SharedRecords.StreamEntry> registry = shared.registry();
        List<Stored> out = new ArrayList<>();
        registry.forEach((name, entry) -> {
            Stored known = mine.remove(name);
            if (known == null) {
                local.insert(name, entry.createdMillis());
            }
            // hints stay with this node (not shared yet, and detection does not use them: cluster.md)
            out.add(new Stored(name, entry.archived(), shared.ownDetector(name),
                    known == null ? StreamHints.none() : known.hints(), entry.createdMillis(),
                    known == null ? 0 : known.points(), known == null ? 0 : known.lastPointMillis(),
                    known == null ? Double.NaN : known.lastValue()));
        });
        if (!mine.isEmpty()) {
            log.info("{} streams this server knew are not in the cluster's registry and are left out of it here"
                    + " (their anomalies stay): {}", mine.size(), mine.keySet().stream().sorted().limit(20).toList());
            mine.keySet().forEach(local::delete);
        }
        out.sort(java.util.Comparator.comparingLong(Stored::createdMillis).thenComparing(Stored::name));
        return out;
    }

    @Override
    public Map<String, byte[]> loadStates() {
        return local.loadStates();
    }

    @Override
    public void insert(String name, long createdMillis) {
        local.insert(name, createdMillis);
        if (shared.stream(name) == null) {
            publishEntry(name, new SharedRecords.StreamEntry(createdMillis, false));
        }
    }

    @Override
    public void rename(String from, String to) {
        throw new IllegalArgumentException("streams cannot be renamed in cluster mode: their detector state stays"
                + " with the name; write to the new name and delete the old stream instead");
    }

    @Override
    public void archive(String name, boolean archived) {
        local.archive(name, archived);
        SharedRecords.StreamEntry entry = shared.stream(name);
        if (entry == null || entry.archived() != archived) {
            publishEntry(name, new SharedRecords.StreamEntry(entry == null ? System.currentTimeMillis()
                    : entry.createdMillis(), archived));
        }
    }

    /** Deletes it everywhere: from the registry, and from detection (a tombstone on the settings topic). */
    @Override
    public void delete(String name) {
        local.delete(name);
        if (shared.stream(name) != null) {
            send(new ProducerRecord<>(topics.streams(), name, null));
            send(new ProducerRecord<>(topics.settings(), name, null));
        }
    }

    @Override
    public void ownDetector(String name, DetectorChoice choice) {
        local.ownDetector(name, choice);
        if (!Objects.equals(shared.ownDetector(name), choice)) {
            send(new ProducerRecord<>(topics.settings(), name, choice == null ? TextRecord.encode(Map.of())
                    : SettingsRecord.encode(choice)));
        }
    }

    /** Kept on this node only: hints are not shared with the cluster yet (src/docs/cluster.md). */
    @Override
    public void hints(String name, StreamHints hints) {
        local.hints(name, hints);
    }

    @Override
    public void saveStates(List<Snapshot> snapshots) {
        local.saveStates(snapshots);
    }

    private void publishEntry(String name, SharedRecords.StreamEntry entry) {
        send(new ProducerRecord<>(topics.streams(), name, RegistryRecord.encode(entry)));
    }

    private void send(ProducerRecord<String, byte[]> record) {
        producer.send(record).whenComplete((ok, e) -> {
            if (e != null) {
                log.error("A change of stream '{}' could not be shared with the cluster: {}", record.key(),
                        e.getMessage());
            }
        });
    }
}
