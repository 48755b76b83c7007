package dev.zscope.detection.art;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Dual-vigilance fuzzy ART memory (after Brito da Silva et al., "Distributed dual vigilance fuzzy
 * ART", as ARTime uses it) over complement-coded feature vectors, with a hard capacity.
 *
 * <p>A category is a box in feature space, complement-coded as {@code w = [lower; 1 - upper]}; it is
 * stored as its two edges, and {@code 1 - upper} is formed when needed, which gives the same numbers
 * bit for bit (x ↦ 1 − x is monotone in floating point, so min(1 − x, 1 − u) = 1 − max(x, u)) and
 * lets a re-mapping of the frame act on the edges exactly. An input {@code x} (features in [0, 1]) is
 * coded {@code [x; 1 - x]}. For each category:
 * <ul>
 *   <li>feature similarity {@code fs = |x ∧ w| / |w|} (∧ = element-wise minimum, |·| = sum): 1
 *       inside the box, less the farther outside it, relative to the box's own size;</li>
 *   <li>energy similarity {@code es}: the same ratio on the one dimension {@code energyDim} (the
 *       latest level) and its complement;</li>
 *   <li>activation {@code M = fs³ · es²}.</li>
 * </ul>
 * Every category with {@code M ≥ ρ_ub} learns the input (fast learning: {@code w ← x ∧ w}, the box
 * grows to contain it). If none does but the best has {@code M ≥ ρ_lb}, the input becomes a new
 * category of that best category's cluster. If the best is below {@code ρ_lb}, the input starts a
 * new cluster: that is the novelty ARTime reports.
 *
 * <p>At capacity a new category replaces the least recently used one (deterministic: the lowest
 * index among equals), so memory and time per input stay bounded. Clusters themselves need no
 * storage: only "new cluster or not" matters to the detector.
 *
 * <p>The level dimensions can be re-mapped by an increasing affine map when the detector's value
 * frame widens ({@link #remapLevels}); since the element-wise minimum commutes with any increasing
 * map, even in floating point, a box re-mapped after learning is bit for bit the box learned from
 * the re-mapped inputs.
 */
final class ArtMemory {

    /** The activation of an uncommitted category: (16/32)³ · (1/2)² for any input in [0, 1]. */
    static final double UNCOMMITTED = 1.0 / 32.0;

    private final int dim;
    private final int coded;
    private final int capacity;
    private final int energyDim;
    private final int levelFrom;
    private int count;
    /*
     * Per-category arrays grow with the number of categories (doubling, up to the capacity) rather
     * than being sized for the capacity up front: most streams settle on a few dozen categories,
     * and a server holds one memory per scale per stream, so preallocating would cost ~65 KB a
     * scale whether used or not.
     */
    /** Category edges, {@code coded} per category: the {@code dim} lower edges, then the {@code dim} upper edges. */
    private double[] w = new double[0];
    /** Cached |w| per category. */
    private double[] norm = new double[0];
    /** Input index at which each category last resonated (won or learned). */
    private long[] lastUsed = new long[0];
    /** Activations of the current input, per category (NaN when pruned). */
    private double[] act = new double[0];
    /** The coded input. */
    private final double[] xc;
    private long inputs;

    // results of the last present()
    private double best;
    private double bestEnergy;
    private int bestIndex;
    private boolean newCluster;

    /**
     * @param dim       feature dimensions before complement coding
     * @param capacity  most categories kept
     * @param energyDim the feature whose own similarity is squared into the activation
     * @param levelFrom first feature that is a level in the value frame (those re-map on widening)
     */
    ArtMemory(int dim, int capacity, int energyDim, int levelFrom) {
        this.dim = dim;
        this.coded = 2 * dim;
        this.capacity = capacity;
        this.energyDim = energyDim;
        this.levelFrom = levelFrom;
        this.xc = new double[coded];
        allocate(Math.min(capacity, INITIAL_SLOTS));
    }

    private static final int INITIAL_SLOTS = 8;

    private void allocate(int slots) {
        w = Arrays.copyOf(w, slots * coded);
        norm = Arrays.copyOf(norm, slots);
        lastUsed = Arrays.copyOf(lastUsed, slots);
        act = Arrays.copyOf(act, slots);
    }

    /** Makes room for {@code n} categories (n ≤ capacity). */
    private void ensureRoom(int n) {
        int slots = norm.length;
        if (n > slots) {
            allocate(Math.min(capacity, Math.max(n, 2 * slots)));
        }
    }

    int count() {
        return count;
    }

    int capacity() {
        return capacity;
    }

    /** Best activation of the last input (ARTime's A). */
    double best() {
        return best;
    }

    /** Energy similarity of the best category (ARTime's Ae). */
    double bestEnergy() {
        return bestEnergy;
    }

    /** Index of the best category of the last input, -1 when none beat an uncommitted one. */
    int bestIndex() {
        return bestIndex;
    }

    /** Whether the last input started a new cluster (no category passed ρ_lb). */
    boolean newCluster() {
        return newCluster;
    }

    /** Lower edge of category {@code c} on feature {@code f}. */
    double lower(int c, int f) {
        return w[c * coded + f];
    }

    /** Upper edge of category {@code c} on feature {@code f}. */
    double upper(int c, int f) {
        return w[c * coded + dim + f];
    }

    /**
     * Presents {@code x} (length {@code dim}, values in [0, 1]); learns it when {@code learn}.
     * Results: {@link #best()}, {@link #bestEnergy()}, {@link #newCluster()}.
     */
    void present(double[] x, boolean learn, double rhoLb, double rhoUb) {
        inputs++;
        for (int i = 0; i < dim; i++) {
            xc[i] = x[i];
            xc[dim + i] = 1.0 - x[i];
        }
        double xe = xc[energyDim];
        double xec = xc[dim + energyDim];
        double max = UNCOMMITTED;
        double maxEnergy = 0.5;
        int maxIndex = -1;
        boolean anyLearns = false;
        for (int c = 0; c < count; c++) {
            int o = c * coded;
            double we = w[o + energyDim];
            double wec = 1.0 - w[o + dim + energyDim];
            double es = (Math.min(xe, we) + Math.min(xec, wec)) / (we + wec);
            if (!(es == es)) {
                es = 1.0; // a box spanning the whole frame on this dimension contains every level
            }
            double bound = es * es;
            if (bound <= max && bound < rhoUb) {
                act[c] = Double.NaN; // cannot win, cannot learn
                continue;
            }
            double num = 0;
            for (int i = 0; i < dim; i++) {
                num += Math.min(xc[i], w[o + i]);
            }
            for (int i = 0; i < dim; i++) {
                num += 1.0 - Math.max(x[i], w[o + dim + i]);
            }
            double nw = norm[c];
            if (nw == 0) {
                nw = 0.001;
            }
            double fs = num / nw;
            double m = fs * fs * fs * bound;
            act[c] = m;
            if (m > max) {
                max = m;
                maxEnergy = es;
                maxIndex = c;
            }
            if (m >= rhoUb) {
                anyLearns = true;
            }
        }
        best = max;
        bestEnergy = maxEnergy;
        bestIndex = maxIndex;
        newCluster = false;
        if (!learn) {
            return;
        }
        if (anyLearns) {
            for (int c = 0; c < count; c++) {
                if (act[c] >= rhoUb) {
                    learnInto(c);
                }
            }
        } else {
            newCluster = !(maxIndex >= 0 && max >= rhoLb);
            commit();
        }
    }

    private void learnInto(int c) {
        int o = c * coded;
        for (int i = 0; i < dim; i++) {
            w[o + i] = Math.min(xc[i], w[o + i]);
            w[o + dim + i] = Math.max(xc[i], w[o + dim + i]);
        }
        norm[c] = norm(o);
        lastUsed[c] = inputs;
    }

    /** |w| of the category at offset o: its lower edges plus the complements of its upper edges. */
    private double norm(int o) {
        double s = 0;
        for (int i = 0; i < dim; i++) {
            s += w[o + i];
        }
        for (int i = 0; i < dim; i++) {
            s += 1.0 - w[o + dim + i];
        }
        return s;
    }

    /** Stores the current input as a new category, replacing the least recently used when full. */
    private void commit() {
        int c;
        if (count < capacity) {
            ensureRoom(count + 1);
            c = count++;
        } else {
            c = 0;
            for (int k = 1; k < capacity; k++) {
                if (lastUsed[k] < lastUsed[c]) {
                    c = k;
                }
            }
        }
        int o = c * coded;
        for (int i = 0; i < dim; i++) {
            w[o + i] = xc[i];
            w[o + dim + i] = xc[i];
        }
        norm[c] = norm(o);
        lastUsed[c] = inputs;
        if (bestIndex >= 0 && bestIndex != c) {
            lastUsed[bestIndex] = inputs;
        }
    }

    /**
     * Re-maps the level features of every category by {@code x ↦ a·x + b} (a ≥ 0): both edges. The
     * map is monotone in floating point, so it commutes exactly with the minima and maxima that
     * learning takes: a box learned and then re-mapped is bit for bit the box learned from the
     * re-mapped inputs.
     */
    void remapLevels(double a, double b) {
        for (int c = 0; c < count; c++) {
            int o = c * coded;
            for (int f = levelFrom; f < dim; f++) {
                w[o + f] = a * w[o + f] + b;
                w[o + dim + f] = a * w[o + dim + f] + b;
            }
            norm[c] = norm(o);
        }
    }

    void clear() {
        count = 0;
        w = new double[0];
        norm = new double[0];
        lastUsed = new long[0];
        act = new double[0];
        allocate(Math.min(capacity, INITIAL_SLOTS));
        inputs = 0;
        best = 0;
        bestEnergy = 0;
        bestIndex = -1;
        newCluster = false;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(count);
        out.writeLong(inputs);
        for (int c = 0; c < count; c++) {
            int o = c * coded;
            for (int i = 0; i < coded; i++) {
                out.writeDouble(w[o + i]);
            }
            out.writeLong(lastUsed[c]);
        }
        out.writeDouble(best);
        out.writeDouble(bestEnergy);
        out.writeInt(bestIndex);
        out.writeBoolean(newCluster);
    }

    void read(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > capacity) {
            throw new IOException("art memory holds " + n + " categories, capacity " + capacity);
        }
        ensureRoom(n);
        count = n;
        inputs = in.readLong();
        for (int c = 0; c < count; c++) {
            int o = c * coded;
            for (int i = 0; i < coded; i++) {
                w[o + i] = in.readDouble();
            }
            norm[c] = norm(o);
            lastUsed[c] = in.readLong();
        }
        best = in.readDouble();
        bestEnergy = in.readDouble();
        bestIndex = in.readInt();
        newCluster = in.readBoolean();
    }
}
