package dev.zscope.metrics;

import dev.zscope.anomaly.AnomalyService;
import dev.zscope.engine.DetectionEngine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The engine's and the anomaly store's meters, read when Prometheus scrapes:
 * <ul>
 *   <li>{@code zscope.streams}: streams the engine runs;</li>
 *   <li>{@code zscope.engine.lag} (seconds): how long the oldest anomaly waiting to be made durable
 *       has waited, 0 when none waits: what holds up the answer to a write;</li>
 *   <li>{@code zscope.engine.queued}: anomalies waiting to be made durable;</li>
 *   <li>{@code zscope.engine.dropped.updates}: points and anomalies browser tabs and other
 *       subscribers lost because they fell behind the engine's rings;</li>
 *   <li>{@code zscope.store.write.failures}, tag {@code store} {@code log} or {@code database}:
 *       groups of anomalies refused because {@code anomalies.csv} or the database could not be
 *       written;</li>
 *   <li>{@code zscope.detector.state} (bytes): the streams' detector states as last saved;</li>
 *   <li>{@code zscope.alerts.firing}: alerts firing now ({@link FiringAlerts}).</li>
 * </ul>
 * The features keep plain counters and this binds them, so the engine and the store need no
 * metrics library.
 */
@Component
class EngineMeters implements MeterBinder {

    private final DetectionEngine engine;
    private final AnomalyService anomalies;
    private final ObjectProvider<FiringAlerts> alerts;

    EngineMeters(DetectionEngine engine, AnomalyService anomalies, ObjectProvider<FiringAlerts> alerts) {
        this.engine = engine;
        this.anomalies = anomalies;
        this.alerts = alerts;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("zscope.streams", engine, DetectionEngine::streamCount)
                .description("Streams the engine runs").register(registry);
        Gauge.builder("zscope.engine.lag", anomalies, a -> a.backlog().oldestMillis() / 1000.0).baseUnit("seconds")
                .description("How long the oldest anomaly waiting to be made durable has waited").register(registry);
        Gauge.builder("zscope.engine.queued", anomalies, a -> a.backlog().anomalies())
                .description("Anomalies waiting to be made durable").register(registry);
        FunctionCounter.builder("zscope.engine.dropped.updates", engine, DetectionEngine::droppedUpdates)
                .description("Points and anomalies subscribers lost by falling behind").register(registry);
        FunctionCounter.builder("zscope.store.write.failures", anomalies, a -> a.writeFailures().log())
                .description("Groups of anomalies refused because the store could not be written")
                .tag("store", "log").register(registry);
        FunctionCounter.builder("zscope.store.write.failures", anomalies, a -> a.writeFailures().database())
                .description("Groups of anomalies refused because the store could not be written")
                .tag("store", "database").register(registry);
        Gauge.builder("zscope.detector.state", engine, DetectionEngine::stateBytes).baseUnit("bytes")
                .description("Detector states of all streams as last saved").register(registry);
        Gauge.builder("zscope.alerts.firing", alerts, a -> {
            FiringAlerts firing = a.getIfAvailable();
            return firing == null ? 0 : firing.firing();
        }).description("Alerts firing now").register(registry);
    }
}
