package dev.zscope.simulator;

/**
 * The simulated stream's knobs: value = level + amplitude·sin(2πt/period) + N(0, noise²), plus
 * injected spikes (single points, up or down) and occasional persistent level shifts.
 *
 * <p>Rates are probabilities per point, magnitudes are in the stream's own units. The seed makes
 * the stream reproducible: the same settings give the same points.
 *
 * @param level          the centre line
 * @param amplitude      height of the seasonal wave
 * @param periodPoints   points per seasonal cycle
 * @param noise          standard deviation of the Gaussian noise
 * @param spikeRate      probability that a point is an injected spike
 * @param spikeMagnitude how far a spike lands from where the point would have been
 * @param shiftRate      probability that a level shift starts at a point
 * @param shiftMagnitude size of a level shift
 * @param seed           random seed
 */
public record SimulatorSettings(double level, double amplitude, int periodPoints, double noise,
                                double spikeRate, double spikeMagnitude, double shiftRate,
                                double shiftMagnitude, long seed) {

    public SimulatorSettings {
        require(Double.isFinite(level), "level must be a finite number");
        require(Double.isFinite(amplitude) && amplitude >= 0, "amplitude must be 0 or more");
        require(periodPoints >= 2, "period must be at least 2 points");
        require(Double.isFinite(noise) && noise >= 0, "noise must be 0 or more");
        require(spikeRate >= 0 && spikeRate <= 1, "spike rate must be between 0 and 1");
        require(Double.isFinite(spikeMagnitude) && spikeMagnitude >= 0, "spike magnitude must be 0 or more");
        require(shiftRate >= 0 && shiftRate <= 1, "shift rate must be between 0 and 1");
        require(Double.isFinite(shiftMagnitude) && shiftMagnitude >= 0, "shift magnitude must be 0 or more");
    }

    /**
     * The demo stream: a calm wave with rare incidents, as in real data. A 10σ spike or dip on one
     * point in 500 and a 10σ level shift on one in 2,000, together about one incident every 400
     * points (80 s at the default 200 ms a point, so the 600-point chart usually shows one or two).
     * Rare enough that a detector that learns each stream's own temperament still treats them as
     * news; injected on 1% of the points they were the stream's routine (DECISIONS.md).
     */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(100, 5, 600, 1.0, 0.002, 10, 0.0005, 10, 42);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
