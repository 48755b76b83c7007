package dev.zscope.settings;

import dev.zscope.engine.AnomalySink;
import dev.zscope.engine.MemoryStreamStore;
import dev.zscope.simulator.SimulatorProperties;
import dev.zscope.simulator.SimulatorSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zscope.detection.catalog.DetectorChoice;
import java.util.Map;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.EngineProperties;
import dev.zscope.simulator.SimulatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsServiceTest {

    @TempDir
    Path dir;
    private final List<DetectionEngine> engines = new ArrayList<>();
    private final MemoryStreamStore registry = new MemoryStreamStore();

    private SettingsProperties properties() {
        return new SettingsProperties(dir, "zscore", Map.of("threshold", "3"), 200, 250,
                new SettingsProperties.Simulator(100, 5, 600, 1, 0.01, 10, 0.002, 10, 42));
    }

    /** An engine over the same registry each time, so a second one stands for a restart. */
    private DetectionEngine engine() {
        DetectionEngine e = new DetectionEngine(EngineProperties.defaults(), AnomalySink.DISCARD, registry);
        engines.add(e);
        return e;
    }

    private static SettingsService service(SettingsProperties properties, DetectionEngine engine) {
        return new SettingsService(properties, engine,
                new SimulatorSource(new SimulatorProperties("s", 1, false), engine));
    }

    @AfterEach
    void close() {
        engines.forEach(DetectionEngine::destroy);
    }

    @Test
    void startsFromTheConfiguredDefaultsAndAppliesThemToTheEngine() {
        DetectionEngine engine = engine();
        SettingsService service = service(properties(), engine);
        assertThat(service.current().detection()).isEqualTo(new DetectorChoice("zscore", Map.of("threshold", "3")));
        assertThat(engine.detectorChoice()).isEqualTo(service.current().detection());
        assertThat(engine.detectorChoice().setting("window")).isEqualTo("100");
    }

    @Test
    void aChangeAppliesAtOnceNotifiesListenersAndSurvivesARestart() throws Exception {
        DetectionEngine engine = engine();
        SettingsService service = service(properties(), engine);
        List<ZscopeSettings> heard = new ArrayList<>();
        SettingsService.Listening registration = service.addListener(heard::add);
        ZscopeSettings changed = service.current().withDetection(zscore("4.5", "250", "40"));
        service.update(changed);
        assertThat(engine.detectorChoice().setting("threshold")).isEqualTo("4.5");
        assertThat(heard).containsExactly(changed);
        registration.close();
        assertThat(service.listenerCount()).isZero();

        DetectionEngine restarted = engine();
        SettingsService afterRestart = service(properties(), restarted);
        assertThat(afterRestart.current()).isEqualTo(changed);
        assertThat(restarted.detectorChoice()).isEqualTo(zscore("4.5", "250", "40"));
    }

    @Test
    void anUnreadableSettingsFileIsSetAsideNotLostAndDefaultsApply() throws Exception {
        Files.writeString(dir.resolve("settings.properties"), "detection.threshold=banana\n");
        SettingsService service = service(properties(), engine());
        assertThat(service.current().detection().setting("threshold")).isEqualTo("3");
        try (var files = Files.list(dir)) {
            List<Path> aside = files.filter(p -> p.getFileName().toString()
                    .startsWith("settings.properties.unreadable-")).toList();
            assertThat(aside).hasSize(1);
            assertThat(Files.readString(aside.getFirst())).contains("banana");
        }
    }

    /** One bad value costs that value only: the rest of what was saved stays in force. */
    @Test
    void oneUnusableValueFallsBackAloneAndTheRestIsKept() throws Exception {
        ZscopeSettings saved = new ZscopeSettings(zscore("4.5", "250", "40"),
                new SimulatorSettings(-3.25, 1.5, 90, 0.3, 0.125, 4, 0.01, 2.5, -7), 75, 500);
        new SettingsStore(dir).save(saved);
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, Files.readString(file).replace("simulator.noise=0.3", "simulator.noise=banana"));

        SettingsService service = service(properties(), engine());

        assertThat(service.current().detection()).as("the saved detector stays").isEqualTo(saved.detection());
        assertThat(service.current().updateIntervalMs()).isEqualTo(75);
        assertThat(service.current().simulator().amplitude()).isEqualTo(1.5);
        assertThat(service.current().simulator().noise()).as("the configured default").isEqualTo(1.0);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("settings.properties.unreadable-"))
                    .contains("settings.properties");
        }
    }

    @Test
    void invalidValuesCannotEvenBeBuiltSoNothingIsStored() {
        SettingsService service = service(properties(), engine());
        assertThatThrownBy(() -> service.current().withDetection(zscore("3", "20", "30")))
                .hasMessageContaining("warmup must be at most the window");
        assertThatThrownBy(() -> new DetectorChoice("nonsense", Map.of())).hasMessageContaining("unknown detector");
        assertThatThrownBy(() -> new ZscopeSettings(zscore("3", "100", "30"),
                SimulatorSettings.defaults(), 5, 250)).hasMessageContaining("update interval");
        assertThat(Files.exists(dir.resolve("settings.properties"))).isFalse();
    }

    @Test
    void storeRoundTripsEveryField() {
        ZscopeSettings s = new ZscopeSettings(zscore("2.5", "77", "12"),
                new SimulatorSettings(-3.25, 1.5, 90, 0.3, 0.125, 4, 0.01, 2.5, -7), 75, 500);
        SettingsStore store = new SettingsStore(dir);
        store.save(s);
        assertThat(store.load(s)).map(SettingsStore.Loaded::settings).contains(s);
    }

    /** The form's one call: settings for all streams and the shown stream's own detector, kept in the registry. */
    @Test
    void aStreamsOwnDetectorIsAppliedSurvivesARestartAndFollowsARename() {
        DetectionEngine engine = engine();
        SettingsService service = service(properties(), engine);
        engine.process("checkout.latency:p99", 0, 1, false);
        DetectorChoice ewma = new DetectorChoice("ewma", Map.of("span", "50"));
        service.update(service.current(), "checkout.latency:p99", ewma);
        assertThat(engine.detectorChoice("checkout.latency:p99")).isEqualTo(ewma);
        assertThat(engine.detectorChoice("s")).isEqualTo(service.current().detection());
        assertThat(service.streamDetector("checkout.latency:p99")).isEqualTo(ewma);

        engine.destroy();
        DetectionEngine restarted = engine();
        SettingsService afterRestart = service(properties(), restarted);
        assertThat(restarted.detectorChoice("checkout.latency:p99")).isEqualTo(ewma);

        restarted.rename("checkout.latency:p99", "checkout");
        assertThat(afterRestart.streamDetector("checkout")).isEqualTo(ewma);
        afterRestart.update(afterRestart.current(), "checkout", null);
        assertThat(restarted.hasOwnDetector("checkout")).isFalse();
        assertThat(afterRestart.streamDetector("checkout")).isNull();
    }

    /** Versions before the registry kept a stream's own detector in settings.properties: it moves over once. */
    @Test
    void aStreamDetectorFromAnOlderSettingsFileMovesIntoTheRegistry() throws Exception {
        DetectionEngine engine = engine();
        engine.process("legacy", 0, 1, false);
        Files.writeString(dir.resolve("settings.properties"), String.join("\n",
                "detection.detector=zscore", "engine.update-interval-ms=200", "ui.push-interval-ms=250",
                "simulator.level=100", "simulator.amplitude=5", "simulator.period-points=600", "simulator.noise=1",
                "simulator.spike-rate=0.01", "simulator.spike-magnitude=10", "simulator.shift-rate=0.002",
                "simulator.shift-magnitude=10", "simulator.seed=42",
                "stream.legacy.detector=ewma", "stream.legacy.setting.span=50", ""));
        service(properties(), engine);
        assertThat(engine.detectorChoice("legacy")).isEqualTo(new DetectorChoice("ewma", Map.of("span", "50")));
        assertThat(registry.loadAll()).filteredOn(r -> r.name().equals("legacy")).singleElement()
                .extracting(r -> r.ownDetector().detector()).isEqualTo("ewma");
    }

    @Test
    void aFileFromBeforeDetectorsCouldBeChosenStillMeansTheZScore() throws Exception {
        ZscopeSettings s = new ZscopeSettings(zscore("2.5", "77", "12"), SimulatorSettings.defaults(), 75, 500);
        java.util.Properties p = SettingsStore.toProperties(s);
        p.remove("detection.detector");
        p.stringPropertyNames().stream().filter(k -> k.startsWith("detection.setting.")).toList()
                .forEach(p::remove);
        p.setProperty("detection.threshold", "2.5");
        p.setProperty("detection.window", "77");
        p.setProperty("detection.warmup", "12");
        assertThat(SettingsStore.fromProperties(p)).isEqualTo(s);
    }

    private static DetectorChoice zscore(String threshold, String window, String warmup) {
        return new DetectorChoice("zscore", Map.of("threshold", threshold, "window", window, "warmup", warmup));
    }
}
