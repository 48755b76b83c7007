package dev.zscope.simulator;

import java.util.SplittableRandom;

/**
 * The embedded demo stream: a seasonal sine with Gaussian noise and injected anomalies.
 *
 * <p>Deterministic: the n-th point depends only on the seed and the settings in force, so tests
 * and demos are reproducible. It remembers what it injected ({@link Sample#injected()}), which lets
 * the UI show detected versus injected and lets tests measure detection. Not thread-safe; the
 * engine owns it.
 */
public final class SimulatedSource {

    /** What was injected at a point. */
    public enum Injection { NONE, SPIKE_UP, SPIKE_DOWN, LEVEL_SHIFT }

    /** One generated point. */
    public record Sample(long index, double value, Injection injection) {
        public boolean injected() {
            return injection != Injection.NONE;
        }
    }

    private SimulatorSettings settings;
    private SplittableRandom random;
    private long index;
    private double shift;
    private long injectedCount;

    public SimulatedSource(SimulatorSettings settings) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
    }

    /**
     * Applies new knobs from the next point on. A new seed restarts the random sequence (what a
     * user changing the seed expects); other changes keep it going.
     */
    public void apply(SimulatorSettings next) {
        if (next.seed() != settings.seed()) {
            random = new SplittableRandom(next.seed());
        }
        settings = next;
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** Generates the next point. */
    public Sample next() {
        SimulatorSettings s = settings;
        double seasonal = s.amplitude() * Math.sin(2 * Math.PI * index / s.periodPoints());
        double noise = s.noise() * random.nextGaussian();
        // Draw every random number each time, so changing one rate does not shift the others.
        double spikeDraw = random.nextDouble();
        double shiftDraw = random.nextDouble();
        boolean up = random.nextBoolean();
        Injection injection = Injection.NONE;
        if (shiftDraw < s.shiftRate()) {
            shift += up ? s.shiftMagnitude() : -s.shiftMagnitude();
            injection = Injection.LEVEL_SHIFT;
        }
        double value = s.level() + shift + seasonal + noise;
        if (injection == Injection.NONE && spikeDraw < s.spikeRate()) {
            value += up ? s.spikeMagnitude() : -s.spikeMagnitude();
            injection = up ? Injection.SPIKE_UP : Injection.SPIKE_DOWN;
        }
        if (injection != Injection.NONE) {
            injectedCount++;
        }
        return new Sample(index++, value, injection);
    }

    /** How many anomalies were injected so far. */
    public long injectedCount() {
        return injectedCount;
    }
}
