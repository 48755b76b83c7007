package dev.zscope.settings;

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

    private SettingsProperties properties() {
        return new SettingsProperties(dir, "zscore", Map.of("threshold", "3"), 200, 250,
                new SettingsProperties.Simulator(100, 5, 600, 1, 0.01, 10, 0.002, 10, 42));
    }

    private DetectionEngine engine() {
        DetectionEngine e = new DetectionEngine(new EngineProperties("s", 1, 1000, 100, false), List.of());
        engines.add(e);
        return e;
    }

    @AfterEach
    void close() {
        engines.forEach(DetectionEngine::destroy);
    }

    @Test
    void startsFromTheConfiguredDefaultsAndAppliesThemToTheEngine() {
        DetectionEngine engine = engine();
        SettingsService service = new SettingsService(properties(), engine);
        assertThat(service.current().detection()).isEqualTo(new DetectorChoice("zscore", Map.of("threshold", "3")));
        assertThat(engine.detectorChoice()).isEqualTo(service.current().detection());
        assertThat(engine.detectorChoice().setting("window")).isEqualTo("100");
    }

    @Test
    void aChangeAppliesAtOnceNotifiesListenersAndSurvivesARestart() throws Exception {
        DetectionEngine engine = engine();
        SettingsService service = new SettingsService(properties(), engine);
        List<ZscopeSettings> heard = new ArrayList<>();
        SettingsService.Listening registration = service.addListener(heard::add);
        ZscopeSettings changed = service.current().withDetection(zscore("4.5", "250", "40"));
        service.update(changed);
        assertThat(engine.detectorChoice().setting("threshold")).isEqualTo("4.5");
        assertThat(heard).containsExactly(changed);
        registration.close();
        assertThat(service.listenerCount()).isZero();

        DetectionEngine restarted = engine();
        SettingsService afterRestart = new SettingsService(properties(), restarted);
        assertThat(afterRestart.current()).isEqualTo(changed);
        assertThat(restarted.detectorChoice()).isEqualTo(zscore("4.5", "250", "40"));
    }

    @Test
    void anUnreadableSettingsFileIsSetAsideNotLostAndDefaultsApply() throws Exception {
        Files.writeString(dir.resolve("settings.properties"), "detection.threshold=banana\n");
        SettingsService service = new SettingsService(properties(), engine());
        assertThat(service.current().detection().setting("threshold")).isEqualTo("3");
        try (var files = Files.list(dir)) {
            List<Path> aside = files.filter(p -> p.getFileName().toString()
                    .startsWith("settings.properties.unreadable-")).toList();
            assertThat(aside).hasSize(1);
            assertThat(Files.readString(aside.getFirst())).contains("banana");
        }
    }

    @Test
    void invalidValuesCannotEvenBeBuiltSoNothingIsStored() {
        SettingsService service = new SettingsService(properties(), engine());
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
        assertThat(store.load()).contains(s);
    }

    @Test
    void aStreamsOwnDetectorIsAppliedSurvivesARestartAndFollowsARename() {
        DetectionEngine engine = engine();
        SettingsService service = new SettingsService(properties(), engine);
        DetectorChoice ewma = new DetectorChoice("ewma", Map.of("span", "50"));
        service.updateStream("checkout.latency:p99", ewma);
        assertThat(engine.detectorChoice("checkout.latency:p99")).isEqualTo(ewma);
        assertThat(engine.detectorChoice("s")).isEqualTo(service.current().detection());

        DetectionEngine restarted = engine();
        SettingsService afterRestart = new SettingsService(properties(), restarted);
        assertThat(afterRestart.current().streamDetectors()).containsEntry("checkout.latency:p99", ewma);
        assertThat(restarted.detectorChoice("checkout.latency:p99")).isEqualTo(ewma);

        restarted.rename("checkout.latency:p99", "checkout");
        afterRestart.streamRenamed("checkout.latency:p99", "checkout");
        assertThat(afterRestart.current().streamDetectors()).containsOnlyKeys("checkout");
        afterRestart.updateStream("checkout", null);
        assertThat(restarted.hasOwnDetector("checkout")).isFalse();
        assertThat(afterRestart.current().streamDetectors()).isEmpty();
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
