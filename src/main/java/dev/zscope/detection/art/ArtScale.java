package dev.zscope.detection.art;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The ARTime method at one time scale: blocks of {@code step} points are reduced to one
 * spike-preserving value, quantised in the detector's value frame, and the latest {@link #WINDOW}
 * of them (levels and their Haar shape) are presented to a dual-vigilance fuzzy ART memory whose
 * vigilance is learned from the stream. A window that starts a new cluster while the stream is not
 * already in an incident is an anomaly; its score says how far below vigilance it fell.
 *
 * <p>The first {@code trend} block values are a warm-up: they are kept raw, and when the last one
 * arrives they are quantised in the frame then in force, the initial vigilance is chosen on them
 * (a plain fuzzy ART at vigilance {@link #INITIAL_RHO} over the windows ordered from least to most
 * typical, as ARTime does), and they are learned in order. Afterwards each block end costs one
 * presentation: O(capacity × 32) at worst, no allocation.
 *
 * <p>Vigilance is learned in the frame: the similarities it follows are measured in frame units.
 * When the frame has grown by a third ({@link #REGROWTH}) since this scale last chose its vigilance,
 * the vigilance of the old frame no longer fits the new one (a streaming frame grows most at a
 * stream's first big incident; before it the stream looked noisier than it is, and vigilance had
 * learned to tolerate that). At the next block end the scale then chooses its vigilance again, as at
 * its warm-up, on its last {@code trend} block values quantised in the new frame, and restarts the
 * statistics that revise it; its memory (re-mapped exactly) and its incident history stay. This is
 * rare (a frame that has grown by a third since the last time), costs one warm-up's choice of
 * vigilance, and allocates only the first time.
 */
final class ArtScale {

    /** Block values per feature window (ARTime: 8). */
    static final int WINDOW = 8;
    /** Quantisation levels over the frame (ARTime: 80). */
    static final int LEVELS = 80;
    /** A level this close to the median level is snapped to it, in fractions of the frame (ARTime: 0.075). */
    static final double CHOMP = 0.075;
    /** Vigilance of the fuzzy ART that chooses the initial vigilance (ARTime: 0.80). */
    static final double INITIAL_RHO = 0.80;
    /** A block extreme closer than this fraction of the block mean to the mean is replaced by the mean (ARTime: 0.1). */
    static final double SPIKE_FRACTION = 0.1;
    /** Block values an anomaly masks and after which vigilance is revised (ARTime: window × 1.5). */
    static final int MASK = WINDOW * 3 / 2;
    /** Cap of the upper vigilance (ARTime: 0.97). */
    static final double UB_CAP = 0.97;
    /** Share of the distance to the lowest recent similarity by which ρ_lb rises (ARTime: 0.19). */
    static final double LB_RISE = 0.19;
    /** Largest gap below ρ_ub counted when ρ_lb falls (ARTime: 0.37) and the smallest (0.05). */
    static final double GAP_CAP = 0.37;
    static final double GAP_MIN = 0.05;
    /** Weights of the confidence (ARTime: 0.35 × upper, 0.65 × lower, 1.5 × energy). */
    static final double W_UB = 0.35;
    static final double W_LB = 0.65;
    static final double W_ENERGY = 1.5;
    static final int FEATURES = 2 * WINDOW;
    /** The frame growth (new span over the span vigilance was chosen in) that makes a scale choose it again. */
    static final double REGROWTH = 4.0 / 3.0;

    final int step;
    final int trend;
    private final boolean clip;
    /** The median snap zone is at least this many median absolute deviations of the levels (0: ARTime's 7.5% only). */
    private final double deadband;
    private final ArtMemory memory;

    // block reduction (raw units)
    private int inBlock;
    private double blockSum;
    private double blockMax;
    private double blockMin;
    private double dsAverage;
    /** Block values produced so far (ARTime's dsi). */
    private long dsi;
    private final double[] warm;

    // levels (frame units)
    private final int[] medbin = new int[LEVELS + 1];
    private final int[] scratch = new int[LEVELS + 1];
    private int medlevel;
    private int belowmed;
    private int abovemed;
    private final double[] window = new double[WINDOW];
    private final double[] features = new double[FEATURES];
    private final double[] shape = new double[WINDOW];
    private final double[] haar = new double[WINDOW];

    // vigilance and incident state
    private double rhoLb;
    private double rhoUb;
    private double activationSum;
    private long activationCount;
    private final double[] simWindow;
    private int simHead;
    private final double[] simDiff;
    private int diffHead;
    private double historySum;
    private long historyCount;
    private double historyLast;
    private long lastAnomaly;
    private double lastAnomalySim;
    private long lastRhoUpdate;
    private boolean maskAfterCat;
    private long noNewCat;
    private boolean quietUntilFamiliar;
    /** Span of the frame vigilance was chosen in over the span now (1 at the choice, falls as the frame grows). */
    private double growth;
    /** Vigilance is to be chosen again at the next block end (the frame grew by {@link #REGROWTH}). */
    private boolean stale;
    /** Features of the last {@code trend} windows when vigilance is chosen again (allocated the first time). */
    private double[][] rechoose;

    // last block end's outcome
    private double score;
    private double level = Double.NaN;
    private double expectLow = Double.NaN;
    private double expectHigh = Double.NaN;
    private double lastMedian = Double.NaN;
    private double lastChomp;

    ArtScale(int step, int trend, int capacity, boolean clip, double deadband) {
        if (step < 1 || trend < 2 * WINDOW) {
            throw new IllegalArgumentException("step " + step + " >= 1 and trend " + trend + " >= " + 2 * WINDOW);
        }
        this.step = step;
        this.trend = trend;
        this.clip = clip;
        this.deadband = deadband;
        this.memory = new ArtMemory(FEATURES, capacity, FEATURES - 1, WINDOW);
        this.warm = new double[trend];
        this.simWindow = new double[trend / 2 + 1];
        this.simDiff = new double[trend + 1];
        reset();
    }

    void reset() {
        inBlock = 0;
        blockSum = 0;
        blockMax = Double.NEGATIVE_INFINITY;
        blockMin = Double.POSITIVE_INFINITY;
        dsAverage = 0;
        dsi = 0;
        Arrays.fill(warm, 0);
        Arrays.fill(medbin, 0);
        medlevel = 0;
        belowmed = 0;
        abovemed = 0;
        Arrays.fill(window, 0);
        memory.clear();
        rhoLb = INITIAL_RHO;
        rhoUb = INITIAL_RHO;
        activationSum = 0;
        activationCount = 0;
        Arrays.fill(simWindow, 1.0);
        simHead = 0;
        Arrays.fill(simDiff, 0.0);
        diffHead = 0;
        historySum = 0;
        historyCount = 0;
        historyLast = 0;
        lastAnomaly = 0;
        lastAnomalySim = 0;
        lastRhoUpdate = 0;
        maskAfterCat = false;
        noNewCat = 0;
        quietUntilFamiliar = false;
        growth = 1;
        stale = false;
        score = 0;
        level = Double.NaN;
        expectLow = Double.NaN;
        expectHigh = Double.NaN;
        lastMedian = Double.NaN;
        lastChomp = 0;
    }

    /** Points this scale needs before its first verdict. */
    long warmupPoints() {
        return (long) step * trend;
    }

    boolean warmedUp() {
        return dsi >= trend;
    }

    /** Score of the last block end (0 when it was no anomaly). */
    double score() {
        return score;
    }

    /** The last block value, in frame units (NaN before the first judged block). */
    double level() {
        return level;
    }

    /** Lower edge of the level the memory matched at the last block end, in frame units. */
    double expectLow() {
        return expectLow;
    }

    double expectHigh() {
        return expectHigh;
    }

    /** The median level at the last block end, in frame units: values within {@link #chomp()} of it count as it. */
    double median() {
        return lastMedian;
    }

    double chomp() {
        return lastChomp;
    }

    double rhoLb() {
        return rhoLb;
    }

    double rhoUb() {
        return rhoUb;
    }

    int categories() {
        return memory.count();
    }

    /**
     * Adds one raw point. Returns true when it ends a block of a warmed-up scale (then
     * {@link #score()} is this block's score); the frame must be set by then.
     */
    boolean add(double v, Frame frame) {
        if (inBlock == 0) {
            blockSum = 0;
            blockMax = v;
            blockMin = v;
        } else {
            if (v > blockMax) {
                blockMax = v;
            }
            if (v < blockMin) {
                blockMin = v;
            }
        }
        blockSum += v;
        inBlock++;
        if (inBlock < step) {
            return false;
        }
        inBlock = 0;
        double ds = reduce();
        dsi++;
        if (dsi < trend) {
            warm[(int) dsi - 1] = ds;
            return false;
        }
        if (dsi == trend) {
            warm[trend - 1] = ds;
            warmUp(frame);
            score = 0;
            return true;
        }
        if (stale) {
            stale = false;
            chooseVigilanceAgain(frame);
        }
        warm[(int) ((dsi - 1) % trend)] = ds;
        features(ds, frame);
        score = detect(dsi);
        return true;
    }

    /** The block's value: its extreme farther from the recent block means, unless that is within 10% of the mean. */
    private double reduce() {
        double mean = blockSum / step;
        if (dsi == 0) {
            dsAverage = mean;
        }
        dsAverage = (dsAverage + mean) / 2;
        double ds = blockMax;
        if (Math.abs(blockMax - dsAverage) < Math.abs(blockMin - dsAverage)) {
            ds = blockMin;
        }
        if (Math.abs(ds - mean) < SPIKE_FRACTION * mean) {
            ds = mean;
        }
        return ds;
    }

    /** Quantises {@code ds} (raw) into the window and fills {@link #features}; dsi is already counted. */
    private void features(double ds, Frame frame) {
        double x = frame.normalise(ds);
        int lv = (int) Math.rint(x * LEVELS);
        if (lv < 0) {
            lv = 0;
        } else if (lv > LEVELS) {
            lv = LEVELS;
        }
        double q = (double) lv / LEVELS;
        medbin[lv]++;
        long medpos = dsi / 2;
        if (dsi == 1) {
            medlevel = lv;
        }
        if (medlevel > lv) {
            belowmed++;
        } else if (medlevel < lv) {
            abovemed++;
        }
        if (medpos < abovemed) {
            belowmed += medbin[medlevel];
            medlevel++;
            while (medlevel < LEVELS && medbin[medlevel] == 0) {
                medlevel++;
            }
            abovemed -= medbin[medlevel];
        } else if (medpos < belowmed) {
            abovemed += medbin[medlevel];
            medlevel--;
            while (medlevel > 0 && medbin[medlevel] == 0) {
                medlevel--;
            }
            belowmed -= medbin[medlevel];
        }
        double med = (double) medlevel / LEVELS;
        double chomp = CHOMP;
        if (deadband > 0) {
            chomp = Math.max(CHOMP, deadband * madLevels() / LEVELS);
        }
        lastMedian = med;
        lastChomp = chomp;
        if (Math.abs(q - med) < chomp) {
            q = med;
        }
        System.arraycopy(window, 1, window, 0, WINDOW - 1);
        window[WINDOW - 1] = q;
        level = q;
        if (dsi < WINDOW) {
            Arrays.fill(features, 0.0);
            return;
        }
        encode(window, features);
    }

    /** The features of a window of {@link #WINDOW} levels: its Haar shape, then the levels themselves. */
    private void encode(double[] levels, double[] out) {
        double min = levels[0];
        for (int k = 1; k < WINDOW; k++) {
            min = Math.min(min, levels[k]);
        }
        double max = 0;
        for (int k = 0; k < WINDOW; k++) {
            shape[k] = levels[k] - min;
            max = Math.max(max, shape[k]);
        }
        if (max != 0) {
            for (int k = 0; k < WINDOW; k++) {
                shape[k] /= max;
            }
        }
        Haar.transform8(shape, haar);
        double hmin = haar[0];
        for (int k = 1; k < WINDOW; k++) {
            hmin = Math.min(hmin, haar[k]);
        }
        double hmax = 0;
        for (int k = 0; k < WINDOW; k++) {
            haar[k] -= hmin;
            hmax = Math.max(hmax, haar[k]);
        }
        for (int k = 0; k < WINDOW; k++) {
            out[k] = hmax != 0 ? haar[k] / hmax : haar[k];
            out[WINDOW + k] = levels[k];
        }
    }

    /**
     * Chooses the vigilance again, as at the warm-up, on the last {@code trend} block values (before
     * the one now ending) quantised in the frame now in force and snapped to the median level as the
     * last block was; then restarts the statistics that revise it, and the next revision comes half a
     * warm-up later. The memory and the incident history are kept.
     */
    private void chooseVigilanceAgain(Frame frame) {
        if (rechoose == null) {
            rechoose = new double[trend][FEATURES];
        }
        long last = dsi - 1; // block values before the one now ending
        int oldest = (int) (last % trend);
        double[] levels = new double[WINDOW];
        for (int k = 0; k < trend; k++) {
            double q = quantise(frame.normalise(warm[(oldest + k) % trend]));
            if (Math.abs(q - lastMedian) < lastChomp) {
                q = lastMedian;
            }
            System.arraycopy(levels, 1, levels, 0, WINDOW - 1);
            levels[WINDOW - 1] = q;
            if (k >= WINDOW - 1) {
                encode(levels, rechoose[k]);
            }
        }
        double rho = initialRho(rechoose);
        rhoLb = rho;
        rhoUb = rho;
        activationSum = 0;
        activationCount = 0;
        Arrays.fill(simWindow, 1.0);
        Arrays.fill(simDiff, 0.0);
        lastRhoUpdate = last;
    }

    /** A value in frame units to its level (clamped to the frame), in frame units. */
    private static double quantise(double x) {
        int lv = (int) Math.rint(x * LEVELS);
        return (double) Math.max(0, Math.min(LEVELS, lv)) / LEVELS;
    }

    /** Quantises the warm-up, chooses the initial vigilance on it and learns it. */
    private void warmUp(Frame frame) {
        long total = dsi;
        double[][] f = new double[trend][FEATURES];
        for (int k = 0; k < trend; k++) {
            dsi = k + 1;
            features(warm[k], frame);
            System.arraycopy(features, 0, f[k], 0, FEATURES);
        }
        dsi = total;
        double rho = initialRho(f);
        rhoLb = rho;
        rhoUb = rho;
        for (int k = 0; k < trend; k++) {
            detect(k + 1, f[k]);
        }
    }

    /**
     * ARTime's initial vigilance: the complete windows of the warm-up ordered by their summed cosine
     * similarity to all others (least typical first), learned by a fuzzy ART at
     * {@link #INITIAL_RHO}; the mean best activation over the second half of them.
     */
    private double initialRho(double[][] f) {
        int from = WINDOW - 1;
        int n = trend - from;
        double[] sum = new double[n];
        double[] norms = new double[n];
        for (int a = 0; a < n; a++) {
            double s = 0;
            for (double v : f[from + a]) {
                s += v * v;
            }
            norms[a] = Math.sqrt(s);
        }
        // Σ_b cos(a, b) = 1 + â·Σ_{b≠a} b̂ (plus the zero windows' 1 − |a|): O(n) dot products, not O(n²).
        double[] unit = new double[FEATURES];
        int zeros = 0;
        double normSum = 0;
        for (int b = 0; b < n; b++) {
            normSum += norms[b];
            if (norms[b] == 0) {
                zeros++;
                continue;
            }
            for (int d = 0; d < FEATURES; d++) {
                unit[d] += f[from + b][d] / norms[b];
            }
        }
        for (int a = 0; a < n; a++) {
            if (norms[a] == 0) {
                sum[a] = n - normSum; // 1 for itself, 1 − |b| for every other
                continue;
            }
            double dot = 0;
            double self = 0;
            for (int d = 0; d < FEATURES; d++) {
                double u = f[from + a][d] / norms[a];
                dot += u * unit[d];
                self += u * u;
            }
            sum[a] = 1.0 + dot - self + zeros * (1 - norms[a]);
        }
        int[] order = new int[n];
        for (int a = 0; a < n; a++) { // stable insertion sort by typicality
            int k = a;
            while (k > 0 && sum[order[k - 1]] > sum[a]) {
                order[k] = order[k - 1];
                k--;
            }
            order[k] = a;
        }
        ArtMemory art = new ArtMemory(FEATURES, n, FEATURES - 1, WINDOW);
        double[] activation = new double[n];
        for (int k = 1; k < n; k++) { // ARTime's fuzzy ART skips the first sample (it initialises)
            art.present(f[from + order[k]], true, INITIAL_RHO, INITIAL_RHO);
            activation[k] = art.best();
        }
        int start = trend / 2 - 1;
        double s = 0;
        for (int k = start; k < n; k++) {
            s += activation[k];
        }
        return s / (n - start);
    }

    private double detect(long i) {
        return detect(i, features);
    }

    /** ARTime's detection step for block value {@code i} (1-based) with features {@code f}. */
    private double detect(long i, double[] f) {
        boolean reviseAfterAnomaly = i - lastAnomaly == MASK;
        boolean reviseForTrend = i - lastRhoUpdate >= trend / 2;
        boolean maskAfterAnomaly = i - lastAnomaly <= MASK;
        if (i > trend + MASK && maskAfterCat && noNewCat >= MASK) {
            maskAfterCat = false;
            quietUntilFamiliar = false;
        }
        boolean learn = i >= WINDOW;
        memory.present(f, learn, rhoLb, rhoUb);
        boolean newCluster = !learn || memory.newCluster();
        noNewCat = newCluster ? 0 : noNewCat + 1;
        double a = memory.best();
        activationSum += a;
        activationCount++;
        simWindow[simHead] = a;
        simHead = (simHead + 1) % simWindow.length;
        simDiff[diffHead] = rhoUb - a;
        diffHead = (diffHead + 1) % simDiff.length;
        if (i - lastAnomaly < MASK && historyCount > 0 && a < historyLast) {
            historySum += a - historyLast;
            historyLast = a;
        }
        boolean masking = maskAfterCat || maskAfterAnomaly;
        boolean belowLast = !quietUntilFamiliar && a < lastAnomalySim * (maskAfterAnomaly ? 0.90 : 0.70);
        double s = 0;
        if (i > trend && newCluster && (!masking || belowLast)) {
            s = confidence(a, memory.bestEnergy());
            historySum += a;
            historyCount++;
            historyLast = a;
            lastAnomalySim = a;
            lastAnomaly = i;
        }
        maskAfterCat = newCluster || maskAfterCat;
        if (i > trend && (reviseAfterAnomaly || reviseForTrend)) {
            revise(i);
        }
        int best = memory.bestIndex();
        if (best >= 0) {
            expectLow = memory.lower(best, FEATURES - 1);
            expectHigh = memory.upper(best, FEATURES - 1);
        } else {
            expectLow = f[FEATURES - 1];
            expectHigh = f[FEATURES - 1];
        }
        return s;
    }

    private double confidence(double a, double energy) {
        double fs = Math.min(0.999, a);
        double ub = ((1 - fs) - (1 - rhoUb)) / (1 - fs);
        double lb = ((1 - fs) - (1 - rhoLb)) / (1 - fs);
        double s = ub * W_UB + lb * W_LB + (1.0 - energy) * W_ENERGY;
        return clip ? Math.min(1.0, s) : s;
    }

    /** ARTime's vigilance revision: ρ_ub follows the mean activation, ρ_lb the recent lows. */
    private void revise(long i) {
        double minSim = simWindow[0];
        for (double v : simWindow) {
            minSim = Math.min(minSim, v);
        }
        double ub = Math.min(UB_CAP, activationSum / activationCount);
        double prev = rhoLb;
        double lb;
        if (prev <= minSim) {
            lb = prev + (minSim - prev) * LB_RISE;
        } else {
            double decr = 0;
            if (i > 2L * trend) {
                double s = 0;
                int n = 0;
                for (double d : simDiff) {
                    if (d > GAP_MIN) {
                        s += Math.min(GAP_CAP, d);
                        n++;
                    }
                }
                if (n > 0) {
                    decr = s / n;
                }
            }
            decr = Math.max(0.01, decr);
            lb = prev - decr / 2;
            if (historyCount > 0) {
                lb = Math.max(historySum / historyCount, lb);
            }
        }
        rhoLb = Math.min(ub, lb);
        rhoUb = ub;
        lastRhoUpdate = i;
        maskAfterCat = true;
    }

    /**
     * Accepts the present as normal: no anomaly until the stream has been familiar (no new
     * cluster) for {@link #MASK} block values, whatever its similarity.
     */
    void rebaseline() {
        maskAfterCat = true;
        quietUntilFamiliar = true;
        noNewCat = 0;
    }


    /** Median absolute deviation of the levels seen from the median level, in levels. */
    private int madLevels() {
        long total = 0;
        for (int c : medbin) {
            total += c;
        }
        long half = (total + 1) / 2;
        long acc = medbin[medlevel];
        int d = 0;
        while (acc < half && d < LEVELS) {
            d++;
            if (medlevel + d <= LEVELS) {
                acc += medbin[medlevel + d];
            }
            if (medlevel - d >= 0) {
                acc += medbin[medlevel - d];
            }
        }
        return d;
    }

    /** Re-maps every level this scale holds by {@code x ↦ a·x + b} (the frame widened). */
    void remap(double a, double b) {
        if (dsi < trend) {
            return; // the warm-up is still raw
        }
        for (int k = 0; k < WINDOW; k++) {
            window[k] = a * window[k] + b;
        }
        if (!Double.isNaN(level)) {
            level = a * level + b;
            expectLow = a * expectLow + b;
            expectHigh = a * expectHigh + b;
            lastMedian = a * lastMedian + b;
            lastChomp = a * lastChomp;
        }
        memory.remapLevels(a, b);
        growth *= a;
        if (growth <= 1 / REGROWTH) {
            growth = 1;
            stale = true;
        }
        int[] old = scratch;
        System.arraycopy(medbin, 0, old, 0, medbin.length);
        Arrays.fill(medbin, 0);
        for (int k = 0; k <= LEVELS; k++) {
            if (old[k] > 0) {
                medbin[relevel(k, a, b)] += old[k];
            }
        }
        medlevel = relevel(medlevel, a, b);
        belowmed = 0;
        abovemed = 0;
        for (int k = 0; k <= LEVELS; k++) {
            if (k < medlevel) {
                belowmed += medbin[k];
            } else if (k > medlevel) {
                abovemed += medbin[k];
            }
        }
    }

    private static int relevel(int k, double a, double b) {
        int n = (int) Math.rint((a * k / LEVELS + b) * LEVELS);
        return Math.max(0, Math.min(LEVELS, n));
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(inBlock);
        out.writeDouble(blockSum);
        out.writeDouble(blockMax);
        out.writeDouble(blockMin);
        out.writeDouble(dsAverage);
        out.writeLong(dsi);
        // the warm-up so far, or afterwards the last trend block values (vigilance may be chosen again on them)
        for (int k = 0, n = (int) Math.min(dsi, trend); k < n; k++) {
            out.writeDouble(warm[k]);
        }
        if (dsi < trend) {
            return;
        }
        int levels = 0;
        for (int k = 0; k <= LEVELS; k++) {
            levels += medbin[k] > 0 ? 1 : 0;
        }
        out.writeByte(levels);
        for (int k = 0; k <= LEVELS; k++) {
            if (medbin[k] > 0) {
                out.writeByte(k);
                out.writeInt(medbin[k]);
            }
        }
        out.writeInt(medlevel);
        out.writeInt(belowmed);
        out.writeInt(abovemed);
        for (double v : window) {
            out.writeDouble(v);
        }
        out.writeDouble(rhoLb);
        out.writeDouble(rhoUb);
        out.writeDouble(activationSum);
        out.writeLong(activationCount);
        for (double v : simWindow) {
            out.writeDouble(v);
        }
        out.writeInt(simHead);
        for (double v : simDiff) {
            out.writeDouble(v);
        }
        out.writeInt(diffHead);
        out.writeDouble(historySum);
        out.writeLong(historyCount);
        out.writeDouble(historyLast);
        out.writeLong(lastAnomaly);
        out.writeDouble(lastAnomalySim);
        out.writeLong(lastRhoUpdate);
        out.writeBoolean(maskAfterCat);
        out.writeLong(noNewCat);
        out.writeBoolean(quietUntilFamiliar);
        out.writeDouble(growth);
        out.writeBoolean(stale);
        out.writeDouble(score);
        out.writeDouble(level);
        out.writeDouble(expectLow);
        out.writeDouble(expectHigh);
        out.writeDouble(lastMedian);
        out.writeDouble(lastChomp);
        memory.write(out);
    }

    void read(DataInput in) throws IOException {
        reset();
        inBlock = in.readInt();
        blockSum = in.readDouble();
        blockMax = in.readDouble();
        blockMin = in.readDouble();
        dsAverage = in.readDouble();
        dsi = in.readLong();
        if (dsi < 0) {
            throw new IOException("art scale state with " + dsi + " block values");
        }
        for (int k = 0, n = (int) Math.min(dsi, trend); k < n; k++) {
            warm[k] = in.readDouble();
        }
        if (dsi < trend) {
            return;
        }
        int levels = in.readUnsignedByte();
        for (int j = 0; j < levels; j++) {
            int k = in.readUnsignedByte();
            medbin[k] = in.readInt();
        }
        medlevel = in.readInt();
        belowmed = in.readInt();
        abovemed = in.readInt();
        for (int k = 0; k < WINDOW; k++) {
            window[k] = in.readDouble();
        }
        rhoLb = in.readDouble();
        rhoUb = in.readDouble();
        activationSum = in.readDouble();
        activationCount = in.readLong();
        for (int k = 0; k < simWindow.length; k++) {
            simWindow[k] = in.readDouble();
        }
        simHead = in.readInt();
        for (int k = 0; k < simDiff.length; k++) {
            simDiff[k] = in.readDouble();
        }
        diffHead = in.readInt();
        historySum = in.readDouble();
        historyCount = in.readLong();
        historyLast = in.readDouble();
        lastAnomaly = in.readLong();
        lastAnomalySim = in.readDouble();
        lastRhoUpdate = in.readLong();
        maskAfterCat = in.readBoolean();
        noNewCat = in.readLong();
        quietUntilFamiliar = in.readBoolean();
        growth = in.readDouble();
        stale = in.readBoolean();
        score = in.readDouble();
        level = in.readDouble();
        expectLow = in.readDouble();
        expectHigh = in.readDouble();
        lastMedian = in.readDouble();
        lastChomp = in.readDouble();
        memory.read(in);
    }
}
