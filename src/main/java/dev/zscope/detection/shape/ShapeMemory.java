package dev.zscope.detection.shape;

import java.io.Serializable;

/**
 * A memory of the short shapes a stream has shown, in the manner of adaptive resonance theory
 * (Carpenter and Grossberg's ART; ARTime applies it to NAB): each new shape either resonates with a
 * stored prototype, which then learns it, or is novel and becomes a prototype itself. How novel the
 * shape was, its distance to the nearest prototype, is the anomaly signal.
 *
 * <p>Choices, and why:
 * <ul>
 *   <li>A shape is the last {@code window} means of {@code block} consecutive points: block means
 *       average away sample noise, so the memory stores behaviour rather than jitter, and a shape
 *       is judged once per block, which also keeps a persisting anomaly from firing on every
 *       point.</li>
 *   <li>Values are scaled by the range seen so far, so distances are fractions of the stream's own
 *       range: comparable across streams with no unit or spread to estimate. A value outside the
 *       range is far from every prototype by construction.</li>
 *   <li>The distance is the largest coordinate difference (L∞): one odd block in the shape is
 *       enough to make it novel.</li>
 *   <li>Capacity is bounded; when it is full, the nearest prototype learns instead, so memory and
 *       time per point stay bounded.</li>
 * </ul>
 */
final class ShapeMemory implements Serializable {

    private final int block;
    private final int window;
    private final double radius;
    private final double[][] prototypes;
    private final int[] counts;
    private final double[] means;
    private final double[] shape;
    private int size;
    private long blocks;
    private double blockSum;
    private int inBlock;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    ShapeMemory(int block, int window, double radius, int capacity) {
        this.block = block;
        this.window = window;
        this.radius = radius;
        this.prototypes = new double[capacity][window];
        this.counts = new int[capacity];
        this.means = new double[window];
        this.shape = new double[window];
    }

    /**
     * Learns x; at the end of a block returns the novelty of the latest shape (distance to the
     * nearest prototype, in units of the range), otherwise 0.
     */
    double update(double x) {
        blockSum += x;
        if (++inBlock < block) {
            return 0;
        }
        double mean = blockSum / block;
        blockSum = 0;
        inBlock = 0;
        means[(int) (blocks % window)] = mean;
        blocks++;
        double novelty = blocks >= window && max > min ? learn() : 0;
        min = Math.min(min, mean);
        max = Math.max(max, mean);
        return novelty;
    }

    /** How many blocks have been completed. */
    long blocks() { return blocks; }

    /** The mean of the latest complete block. */
    double lastMean() { return means[(int) ((blocks + window - 1) % window)]; }

    /**
     * L∞ distance between the latest judged shape and another one copied by {@link #copyShape},
     * each in fractions of the range it was judged against (the range before its own last block),
     * so a shape that widened the range lies outside [0, 1] and far from every later shape.
     */
    double distanceTo(double[] other) {
        double d = 0;
        for (int k = 0; k < window; k++) {
            d = Math.max(d, Math.abs(shape[k] - other[k]));
        }
        return d;
    }

    /** Copies the latest judged shape, in fractions of the range it was judged against. */
    void copyShape(double[] into) {
        System.arraycopy(shape, 0, into, 0, window);
    }

    /** The lowest and highest block mean seen: the scale of the stream. */
    double min() { return min; }
    double max() { return max; }

    private double learn() {
        double range = max - min;
        for (int k = 0; k < window; k++) {
            shape[k] = (means[(int) ((blocks - window + k) % window)] - min) / range;
        }
        int nearest = -1;
        double distance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            double[] p = prototypes[i];
            double d = 0;
            for (int k = 0; k < window && d < distance; k++) {
                d = Math.max(d, Math.abs(p[k] - shape[k]));
            }
            if (d < distance) {
                distance = d;
                nearest = i;
            }
        }
        if (nearest >= 0 && (distance <= radius || size == prototypes.length)) {
            double[] p = prototypes[nearest];
            counts[nearest]++;
            double rate = 1.0 / Math.min(counts[nearest], 20);
            for (int k = 0; k < window; k++) {
                p[k] += rate * (shape[k] - p[k]);
            }
        } else {
            System.arraycopy(shape, 0, prototypes[size], 0, window);
            counts[size++] = 1;
        }
        return nearest < 0 ? 0 : distance;
    }
}
