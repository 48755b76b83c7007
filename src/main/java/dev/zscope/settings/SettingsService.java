package dev.zscope.settings;

import dev.zscope.detection.StreamHints;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.security.Roles;
import dev.zscope.simulator.SimulatorSource;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The settings feature's public face: holds the settings in force, saves a change so it survives
 * a restart, hands it to the engine and the simulator, and tells every open view.
 *
 * <p>Only whole, valid values reach it ({@link ZscopeSettings} validates itself on construction),
 * so nothing half-valid is ever stored or applied. Changing settings takes an admin (method
 * security), whoever calls.
 */
@Service
public class SettingsService {

    private static final Logger log = LoggerFactory.getLogger(SettingsService.class);

    private final SettingsStore store;
    private final DetectionEngine engine;
    private final SimulatorSource simulator;
    private final Set<Consumer<ZscopeSettings>> listeners = new CopyOnWriteArraySet<>();
    private volatile ZscopeSettings current;

    public SettingsService(SettingsProperties properties, DetectionEngine engine, SimulatorSource simulator) {
        this.store = new SettingsStore(properties.dataDirectory());
        this.engine = engine;
        this.simulator = simulator;
        var loaded = store.load(properties.toSettings());
        this.current = loaded.map(SettingsStore.Loaded::settings).orElseGet(properties::toSettings);
        applyToEngine(current);
        loaded.ifPresent(l -> l.legacyStreamDetectors().forEach(this::adoptLegacy));
        log.info("Settings in force: {} (changes are saved in {})", current, store.file());
    }

    /**
     * A stream's own detector as versions before the registry kept it in settings.properties: it
     * moves into the registry once (the stream joins it if it is not there yet); the next save of
     * the settings no longer holds it.
     */
    private void adoptLegacy(String stream, DetectorChoice choice) {
        try {
            if (!engine.exists(stream) || !engine.hasOwnDetector(stream)) {
                engine.open(stream);
                engine.applyDetector(stream, choice);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            log.warn("Stream '{}' had a detector of its own in {}, which could not be kept: {}", stream,
                    store.file(), e.getMessage());
        }
    }

    public ZscopeSettings current() {
        return current;
    }

    /** Stores, applies and announces new settings. */
    @RolesAllowed(Roles.ADMIN)
    public synchronized void update(ZscopeSettings next) {
        store.save(next);
        applyToEngine(next);
        current = next;
        for (Consumer<ZscopeSettings> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                log.warn("Settings listener {} failed", listener, e);
            }
        }
    }

    /**
     * What the settings form does in one step: applies {@code next} and gives {@code stream} the
     * detector {@code own} of its own, or with {@code null} returns it to the default.
     */
    @RolesAllowed(Roles.ADMIN)
    public synchronized void update(ZscopeSettings next, String stream, DetectorChoice own) {
        update(next, stream, own, null);
    }

    /**
     * {@link #update(ZscopeSettings, String, DetectorChoice)} that also gives {@code stream} these
     * hints (null: leaves its hints as they are).
     */
    @RolesAllowed(Roles.ADMIN)
    public synchronized void update(ZscopeSettings next, String stream, DetectorChoice own, StreamHints hints) {
        if (stream != null && engine.exists(stream)) {
            engine.applyDetector(stream, own);
            if (hints != null) {
                engine.applyHints(stream, hints);
            }
        }
        update(next);
    }

    /** The hints {@code stream} runs with, or null when there is no such stream. */
    public StreamHints streamHints(String stream) {
        return stream != null && engine.exists(stream) ? engine.hints(stream) : null;
    }

    /** The detector {@code stream} runs of its own, or null when it runs the default. */
    public DetectorChoice streamDetector(String stream) {
        return stream != null && engine.exists(stream) && engine.hasOwnDetector(stream)
                ? engine.detectorChoice(stream) : null;
    }

    /** A registered listener; closing it stops the calls (idempotent, never throws). */
    public interface Listening extends AutoCloseable {
        @Override
        void close();
    }

    /** Calls {@code listener} after every change; close the handle to stop. */
    public Listening addListener(Consumer<ZscopeSettings> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    int listenerCount() {
        return listeners.size();
    }

    private void applyToEngine(ZscopeSettings s) {
        engine.applyDetector(s.detection());
        simulator.applySettings(s.simulator());
        simulator.applyUpdateInterval(Duration.ofMillis(s.updateIntervalMs()));
    }
}
