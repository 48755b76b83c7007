package dev.zscope.simulator;

import dev.zscope.engine.DetectionEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The built-in demo source: a source like any other, it writes the simulated streams' points into
 * the engine at the update interval, from one thread of its own, whether or not anyone watches.
 *
 * <p>A simulated stream the engine did not know yet starts with {@link #BACKFILL_POINTS} points of
 * past, so the demo opens on a chart with history and on detectors that have seen a whole seasonal
 * cycle; a stream restored after a restart goes on from its saved state instead.
 *
 * <p>In a cluster it runs only on the node the engine names for sources
 * ({@link DetectionEngine#sourcesHere}), so each simulated point enters once.
 */
@Component
public class SimulatorSource implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SimulatorSource.class);
    /** Two cycles of the first simulated stream's default wave (600 points). */
    static final int BACKFILL_POINTS = 1_200;
    /** Backfill is for a demo; thousands of simulated streams are a load test and start without a past. */
    static final int BACKFILL_MAX_STREAMS = 100;

    private final SimulatorProperties properties;
    private final DetectionEngine engine;
    private final Clock clock;
    private final Simulators simulators;
    private final List<String> fresh;
    private final ScheduledExecutorService ticker;
    private final Object lifecycle = new Object();
    private Duration updateInterval = Duration.ofMillis(200);
    private ScheduledFuture<?> tickTask;
    private boolean backfilled;
    private volatile boolean running;

    @Autowired
    public SimulatorSource(SimulatorProperties properties, DetectionEngine engine) {
        this(properties, engine, Clock.systemUTC());
    }

    SimulatorSource(SimulatorProperties properties, DetectionEngine engine, Clock clock) {
        this.properties = properties;
        this.engine = engine;
        this.clock = clock;
        this.simulators = new Simulators(properties.streamName(), properties.simulatedStreams());
        this.fresh = simulators.names().stream().filter(name -> !engine.exists(name)).toList();
        if (simulators.names().size() <= BACKFILL_MAX_STREAMS && engine.sourcesHere()) {
            fresh.forEach(engine::open); // the dashboard opens on the first one, even before its first tick
        }
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zscope-simulator");
            t.setDaemon(true);
            return t;
        });
    }

    /** The simulated streams' names, the first one first. */
    public List<String> names() {
        return simulators.names();
    }

    /** One tick of every simulated stream; the scheduler calls it, tests may too. */
    public void tick() {
        long now = clock.millis();
        simulators.tick((name, sample) -> engine.process(name, now, sample.value(), sample.injected()));
    }

    /** Gives the streams the engine did not know their past (see the class comment); once. */
    void backfill() {
        if (fresh.isEmpty() || fresh.size() > BACKFILL_MAX_STREAMS) {
            return;
        }
        long step = Math.max(1, updateInterval.toMillis());
        long now = clock.millis();
        for (int k = BACKFILL_POINTS; k > 0; k--) {
            long t = now - k * step;
            simulators.tick((name, sample) -> {
                if (fresh.contains(name)) {
                    engine.backfill(name, t, sample.value(), sample.injected());
                }
            });
        }
    }

    /** Applies simulator knobs from the next point on (further streams get derived shapes). */
    public void applySettings(SimulatorSettings settings) {
        simulators.apply(settings);
    }

    /** Changes how often the simulated streams produce a point. */
    public void applyUpdateInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("update interval must be positive");
        }
        synchronized (lifecycle) {
            updateInterval = interval;
            if (running) {
                schedule();
            }
        }
    }

    private void schedule() {
        if (tickTask != null) {
            tickTask.cancel(false);
        }
        long micros = updateInterval.toNanos() / 1000;
        tickTask = ticker.scheduleAtFixedRate(this::safeTick, micros, micros, TimeUnit.MICROSECONDS);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.error("Simulated streams failed a tick; the next one goes on", e);
        }
    }

    @Override
    public void start() {
        if (!properties.simulatorEnabled()) {
            log.info("Simulated source off");
            return;
        }
        if (!engine.sourcesHere()) {
            log.info("Simulated source off on this node: in a cluster it runs where zscope.cluster.sources=true");
            return;
        }
        synchronized (lifecycle) {
            running = true;
            if (!backfilled) {
                backfilled = true;
                ticker.execute(this::backfill); // before the first tick: the ticker is one thread
            }
            schedule();
        }
        log.info("Simulated source started: {} stream(s), one point each every {} ms",
                simulators.names().size(), updateInterval.toMillis());
    }

    /** Stops the ticks; the source can be started again (Spring may pause and resume it). */
    @Override
    public void stop() {
        synchronized (lifecycle) {
            running = false;
            if (tickTask != null) {
                tickTask.cancel(false);
                tickTask = null;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        stop();
        ticker.shutdownNow();
    }
}
