package dev.zscope.cluster;

import dev.zscope.detection.catalog.DetectorChoice;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detection's state store: each stream's {@link StreamSlot} with its live detector, over an
 * in-memory, changelogged key-value store that holds the slots as bytes.
 *
 * <p>Detectors change with every point, but their state is written at most once per commit per
 * changed stream: the slots a task changed are written to the inner store (and so to its
 * changelog, inside the task's transaction) when Kafka Streams flushes caches just before it
 * commits, which it does through {@link CachedStateStore#flushCache()}. That interface is internal to
 * Kafka Streams, and it is the one hook that runs before every commit, including those of a
 * rebalance and a clean shutdown (DECISIONS.md); {@code DetectionTopologyTest} and the failover test
 * fail if a Kafka upgrade stops calling it. A detector instance that takes a partition over restores
 * the inner store from the changelog and makes each detector again from its bytes on first use.
 */
final class DetectorStore implements StateStore, CachedStateStore<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(DetectorStore.class);

    private final KeyValueStore<String, byte[]> inner;
    private final DetectorChoice configuredDefault;
    private final Map<String, StreamSlot> live = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private DetectorChoice defaults;
    private long slotsWritten;
    private long bytesWritten;

    DetectorStore(KeyValueStore<String, byte[]> inner, DetectorChoice configuredDefault) {
        this.inner = inner;
        this.configuredDefault = configuredDefault;
    }

    /** The stream's slot, or null when detection has not seen the stream. */
    StreamSlot slot(String stream) {
        StreamSlot s = live.get(stream);
        if (s == null) {
            byte[] bytes = inner.get(stream);
            if (bytes != null) {
                try {
                    s = StreamSlot.decode(bytes);
                } catch (IllegalArgumentException e) {
                    log.warn("Stream '{}' learns again: its stored slot is unusable ({})", stream, e.getMessage());
                    s = new StreamSlot();
                }
                live.put(stream, s);
            }
        }
        return s;
    }

    /** The stream's slot, made empty if detection has not seen the stream. */
    StreamSlot slotOrNew(String stream) {
        StreamSlot s = slot(stream);
        if (s == null) {
            s = new StreamSlot();
            live.put(stream, s);
        }
        return s;
    }

    /** Marks the stream's slot to be written at the next commit. */
    void changed(String stream) {
        dirty.add(stream);
    }

    /** Forgets a deleted stream, here and in the changelog. */
    void forget(String stream) {
        live.remove(stream);
        dirty.remove(stream);
        inner.delete(stream);
    }

    /** The default detector of this task's partition: the last one published, else the configured one. */
    DetectorChoice defaults() {
        if (defaults == null) {
            byte[] bytes = inner.get(SettingsRecord.DEFAULTS);
            defaults = configuredDefault;
            if (bytes != null) {
                try {
                    defaults = SettingsRecord.decodeDefaultDetector(bytes);
                } catch (IllegalArgumentException e) {
                    log.warn("The stored default detector is unusable ({}); running the configured {}",
                            e.getMessage(), configuredDefault);
                }
            }
        }
        return defaults;
    }

    /**
     * Settings published for the cluster: their detector is the default from the next point on,
     * unless the settings this partition has are newer (two nodes published at once). Written at
     * once: settings change rarely.
     *
     * @return whether they apply
     */
    boolean publishDefaults(byte[] record) {
        SettingsRecord.Version version = SettingsRecord.version(record);
        DetectorChoice choice = SettingsRecord.decodeDefaultDetector(record);
        byte[] stored = inner.get(SettingsRecord.DEFAULTS);
        if (stored != null && SettingsRecord.version(stored).compareTo(version) >= 0) {
            return false;
        }
        inner.put(SettingsRecord.DEFAULTS, record);
        defaults = choice;
        return true;
    }

    /** Slots and bytes written so far, for the log and tests. */
    long slotsWritten() {
        return slotsWritten;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    /** Writes the changed slots; Kafka Streams calls it just before each commit. */
    @Override
    public void flushCache() {
        for (String stream : dirty) {
            StreamSlot s = live.get(stream);
            if (s != null) {
                byte[] bytes = s.encode();
                inner.put(stream, bytes);
                slotsWritten++;
                bytesWritten += bytes.length;
            }
        }
        dirty.clear();
    }

    /** Drops the live slots (the inner store may have been written behind them, e.g. on a restore). */
    @Override
    public void clearCache() {
        live.clear();
        dirty.clear();
        defaults = null;
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, byte[]> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        clearCache();
        inner.init(context, root);
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        clearCache();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return inner.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }
}
