package dev.zscope.cluster;

import dev.zscope.detection.catalog.DetectorChoice;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds {@link DetectorStore}s over an in-memory key-value store with a changelog and no record
 * cache (the detector store is its own cache). In memory, so RocksDB is not needed: a detector
 * instance that takes a partition over reads its changelog.
 */
final class DetectorStoreBuilder implements StoreBuilder<DetectorStore> {

    private final StoreBuilder<KeyValueStore<String, byte[]>> inner;
    private final DetectorChoice configuredDefault;

    DetectorStoreBuilder(String name, DetectorChoice configuredDefault) {
        this.inner = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(),
                Serdes.ByteArray()).withCachingDisabled().withLoggingEnabled(Map.of());
        this.configuredDefault = configuredDefault;
    }

    @Override
    public StoreBuilder<DetectorStore> withCachingEnabled() {
        throw new UnsupportedOperationException("the detector store is its own cache");
    }

    @Override
    public StoreBuilder<DetectorStore> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<DetectorStore> withLoggingEnabled(Map<String, String> config) {
        inner.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<DetectorStore> withLoggingDisabled() {
        throw new UnsupportedOperationException("the detector store needs its changelog to move between instances");
    }

    @Override
    public DetectorStore build() {
        return new DetectorStore(inner.build(), configuredDefault);
    }

    @Override
    public Map<String, String> logConfig() {
        return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return inner.loggingEnabled();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
