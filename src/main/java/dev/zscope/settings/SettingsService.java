package dev.zscope.settings;

import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.DetectionEngine;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The settings feature's public face: holds the settings in force, saves a change so it survives
 * a restart, hands it to the engine and tells every open view.
 *
 * <p>Only whole, valid values reach it ({@link ZscopeSettings} validates itself on construction),
 * so nothing half-valid is ever stored or applied. Who may change settings is decided by the
 * caller (the form is read-only for viewers and checks the role again on save).
 */
@Service
public class SettingsService {

    private static final Logger log = LoggerFactory.getLogger(SettingsService.class);

    private final SettingsStore store;
    private final DetectionEngine engine;
    private final Set<Consumer<ZscopeSettings>> listeners = new CopyOnWriteArraySet<>();
    private volatile ZscopeSettings current;

    public SettingsService(SettingsProperties properties, DetectionEngine engine) {
        this.store = new SettingsStore(properties.dataDirectory());
        this.engine = engine;
        this.current = store.load().orElseGet(properties::toSettings);
        applyToEngine(current);
        log.info("Settings in force: {} (changes are saved in {})", current, store.file());
    }

    public ZscopeSettings current() {
        return current;
    }

    /** Stores, applies and announces new settings. */
    public synchronized void update(ZscopeSettings next) {
        store.save(next);
        ZscopeSettings before = current;
        applyToEngine(next);
        before.streamDetectors().keySet().stream().filter(s -> !next.streamDetectors().containsKey(s))
                .filter(engine::exists).forEach(s -> engine.applyDetector(s, null));
        current = next;
        for (Consumer<ZscopeSettings> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                log.warn("Settings listener {} failed", listener, e);
            }
        }
    }

    /** A registered listener; closing it stops the calls (idempotent, never throws). */
    public interface Listening extends AutoCloseable {
        @Override
        void close();
    }

    /** Gives {@code stream} a detector of its own, or with {@code null} returns it to the default. */
    public synchronized void updateStream(String stream, DetectorChoice choice) {
        update(current.withStreamDetector(stream, choice));
    }

    /** Keeps a stream's own detector when the stream is renamed. */
    public synchronized void streamRenamed(String from, String to) {
        DetectorChoice own = current.streamDetectors().get(from);
        if (own != null) {
            update(current.withStreamDetector(from, null).withStreamDetector(to, own));
        }
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
        s.streamDetectors().forEach(engine::applyDetector);
        engine.applySimulator(s.simulator());
        engine.applyUpdateInterval(Duration.ofMillis(s.updateIntervalMs()));
    }
}
