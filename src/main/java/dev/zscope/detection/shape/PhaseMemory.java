package dev.zscope.detection.shape;

import dev.zscope.detection.Periods;

import java.io.Serializable;

/**
 * A memory of the stream's recent cycles, so that a change in the shape of a day (or whatever the
 * stream's period is) becomes visible even when every short shape in it is familiar: a day whose
 * usual peak does not come consists of flat stretches the {@link ShapeMemory} knows well.
 *
 * <p>It sees block means (the same ones the shape memory sees). The first {@code warm} of them are
 * buffered and the period is the strongest autocorrelation peak among them ({@link Periods}); with
 * no clear period the memory stays silent. Afterwards the latest {@code window} block means are
 * compared with the same phase of each of the last {@code cycles} periods, and the novelty is the
 * distance (largest block difference, in fractions of the range) to the closest of those: a
 * pattern seen on any recent cycle, a weekend among weekdays for instance, is not novel. One
 * ring of block means, sized once; O(cycles × window) per block; no allocation after the period is
 * found.
 */
final class PhaseMemory implements Serializable {

    private static final double MIN_CORRELATION = 0.3;

    private final int warm;
    private final int window;
    private final int cycles;
    private final double[] ring;
    private int period;
    private long blocks;

    PhaseMemory(int warm, int window, int cycles) {
        this.warm = warm;
        this.window = window;
        this.cycles = cycles;
        this.ring = new double[Math.max(warm, cycles * (warm / 2) + window)];
    }

    /**
     * Learns one block mean; returns the novelty of the latest {@code window} block means against
     * the same phase of the last cycles (fractions of {@code range}), or 0 while it cannot judge.
     */
    double add(double mean, double range) {
        ring[(int) (blocks % ring.length)] = mean;
        blocks++;
        if (blocks == warm) {
            period = Periods.period(ring, warm, MIN_CORRELATION);
        }
        if (period < 2 || !(range > 0)) {
            return 0;
        }
        double nearest = Double.POSITIVE_INFINITY;
        for (int c = 1; c <= cycles; c++) {
            long lag = (long) c * period;
            if (blocks - window - lag < 0) {
                break;
            }
            double d = 0;
            for (int k = 1; k <= window && d < nearest; k++) {
                long now = blocks - k;
                d = Math.max(d, Math.abs(ring[(int) (now % ring.length)] - ring[(int) ((now - lag) % ring.length)]));
            }
            nearest = Math.min(nearest, d);
        }
        return nearest == Double.POSITIVE_INFINITY ? 0 : nearest / range;
    }

    /** The period found in blocks, 0 before it is known, 1 when the stream shows none. */
    int period() {
        return period;
    }
}
