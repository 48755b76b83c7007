package dev.zscope.cluster;

import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.DetectionEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings registry changes made on other nodes into this node's engine: new streams, archived ones,
 * deleted ones and detectors of their own. The engine records each change in the
 * {@link ReplicatedStreamStore}, which does not publish it again since the shared registry already
 * has it.
 */
final class RegistryFollower implements SharedRecords.RegistryListener {

    private static final Logger log = LoggerFactory.getLogger(RegistryFollower.class);

    private final DetectionEngine engine;
    private final SharedRecords shared;

    RegistryFollower(DetectionEngine engine, SharedRecords shared) {
        this.engine = engine;
        this.shared = shared;
        shared.followRegistry(this);
    }

    @Override
    public void stream(String name, SharedRecords.StreamEntry entry) {
        try {
            if (entry == null) {
                if (engine.exists(name)) {
                    engine.delete(name);
                }
            } else if (entry.archived()) {
                if (engine.exists(name)) {
                    engine.archive(name);
                }
            } else {
                engine.open(name);
                DetectorChoice own = shared.ownDetector(name);
                if (own != null && !engine.hasOwnDetector(name)) {
                    engine.applyDetector(name, own);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Stream '{}' changed in the cluster, but not here: {}", name, e.getMessage());
        }
    }

    @Override
    public void ownDetector(String name, DetectorChoice choice) {
        try {
            if (engine.exists(name)) {
                engine.applyDetector(name, choice);
            }
        } catch (RuntimeException e) {
            log.warn("Stream '{}' got another detector in the cluster, but not here: {}", name, e.getMessage());
        }
    }
}
