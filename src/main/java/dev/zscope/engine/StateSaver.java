package dev.zscope.engine;

import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Saves the detector states of the streams that changed every {@code zscope.engine.state-save-interval}
 * (the engine saves them all once more when it closes), on Spring's task scheduler so that no point
 * waits for the database.
 */
@Component
class StateSaver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StateSaver.class);

    private final DetectionEngine engine;
    private final EngineProperties properties;
    private final TaskScheduler scheduler;
    private ScheduledFuture<?> task;

    StateSaver(DetectionEngine engine, EngineProperties properties, TaskScheduler scheduler) {
        this.engine = engine;
        this.properties = properties;
        this.scheduler = scheduler;
    }

    @Override
    public synchronized void start() {
        task = scheduler.scheduleWithFixedDelay(this::save, properties.stateSaveInterval());
    }

    private void save() {
        try {
            engine.saveStates();
        } catch (RuntimeException e) {
            log.warn("Could not save detector states; trying again in {}", properties.stateSaveInterval(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return task != null;
    }
}
