package dev.zscope.detection.art;

import dev.zscope.detection.Detector;
import dev.zscope.detection.Severity;
import dev.zscope.detection.StreamHints;
import dev.zscope.detection.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * ARTime-class detector: adaptive resonance over time (Hampton's ARTime, NAB 74.9, built on
 * dual-vigilance fuzzy ART), made strictly streaming.
 *
 * <p>Per point: the value widens the value frame if it is a new extreme (every stored level is
 * re-mapped so it keeps its meaning), then enters each time scale ({@link ArtScale}: blocks of 1 to
 * 7 points by default, each with its own fuzzy ART memory and learned vigilance). The reporting
 * scale is the coarsest whose warm-up is at most {@code share} (one half) of the points seen;
 * before any is, the finest one that has finished its warm-up; the finer ones are then retired.
 * Its score, when its block ends at this point, is the raw score; a point the {@link PointGuard}
 * finds extreme on a calm stream scores at once (the larger of the two counts). A {@link Severity}
 * turns the raw score into a calibrated severity in [0, 1] (for a guarded point, at least one minus
 * the Gaussian tail of its deviation), and the point is flagged when that is at least the
 * {@code severity} setting.
 *
 * <p>With hints ({@link StreamHints}): a declared range is the value frame from the start (widened only
 * if exceeded); a declared length gives the one time scale ARTime would use for a stream of that
 * length (warm-up = its first 15%, at most 750 points).
 *
 * <p>Bounded: at most {@code capacity} categories per scale; once the coarsest scale reports, one
 * presentation of O(capacity × 32) work every 7 points, no allocation after the warm-ups. State is
 * saved with {@link #write} and restored with {@link #read}; a restored detector's verdicts are bit
 * for bit the original's. It handles missing values itself rather than through
 * {@code DetectorBase}, because a skipped point still counts in its learning verdict.
 */
public final class ArtDetector implements Detector {

    public static final String NAME = "art";
    /** Version of the binary state format written by {@link #write}. */
    public static final int FORMAT = 2;
    private static final int MAGIC = 0x41525431; // "ART1"

    private final ArtSettings settings;
    private final ArtScale[] scales;
    private final boolean[] ended;
    private final Frame frame = new Frame();
    private final Severity severity;
    private final PointGuard guard = new PointGuard();
    /** Points left in the block of the last guarded spike. */
    private int guarded;
    private long seen;
    private long skipped;
    /** Scales below this index are retired. */
    private int retired;
    private double rawMin;
    private double rawMax;
    private double lastRaw;
    private double lastSeverity;

    public ArtDetector() {
        this(ArtSettings.defaults());
    }

    public ArtDetector(ArtSettings settings) {
        this.settings = settings;
        StreamHints h = settings.hints();
        boolean clip = settings.clip();
        if (h.hasPeriod()) {
            long len = h.period();
            int probation = len < 5000 ? (int) Math.floor(0.15 * len) : 750;
            probation -= probation % 2;
            int step = Math.max(1, probation / (ArtScale.WINDOW * 13));
            int trend = Math.max(2 * ArtScale.WINDOW, probation / step);
            scales = new ArtScale[] {new ArtScale(step, trend, settings.capacity(), clip, settings.deadbandInForce())};
        } else {
            int[] steps = settings.steps();
            scales = new ArtScale[steps.length];
            for (int k = 0; k < steps.length; k++) {
                scales[k] = new ArtScale(steps[k], settings.trend(), settings.capacity(), clip,
                        settings.deadbandInForce());
            }
        }
        ended = new boolean[scales.length];
        severity = new Severity(settings.horizon());
        reset();
    }

    public ArtSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict update(long epochMillis, double value, Verdict out) {
        if (!Double.isFinite(value)) {
            skipped++;
            if (isLearning()) {
                return out.learning(NAME, value, settings.severity(), 0, seen, (int) scales[0].warmupPoints());
            }
            return out.missing(NAME, value, settings.severity());
        }
        seen++;
        if (value < rawMin) {
            rawMin = value;
        }
        if (value > rawMax) {
            rawMax = value;
        }
        if (!frame.isSet()) {
            if (seen >= scales[0].warmupPoints()) {
                frame.discover(rawMin, rawMax, settings.margin());
            }
        } else if (frame.widen(value, settings.margin())) {
            for (int k = retired; k < scales.length; k++) {
                scales[k].remap(frame.a(), frame.b());
            }
        }
        double g = guard.update(value, frame.isSet() ? frame.span() : 0);
        for (int k = retired; k < scales.length; k++) {
            ended[k] = scales[k].add(value, frame);
        }
        int rep = reporting();
        if (rep < 0) {
            lastRaw = 0;
            lastSeverity = 0;
            return out.learning(NAME, value, settings.severity(), 0, seen, (int) scales[0].warmupPoints());
        }
        ArtScale s = scales[rep];
        double raw = ended[rep] ? s.score() : 0.0;
        if (guarded > 0) {
            guarded--;
            raw = 0; // the block holding a guarded spike: the same incident
        }
        if (g > 0) {
            raw = Math.max(raw, g);
            guarded = s.step - 1;
        }
        double sev = severity.update(raw);
        if (g > 0) {
            sev = Math.max(sev, 1 - guard.tail());
        }
        lastRaw = raw;
        lastSeverity = sev;
        boolean anomaly = raw > 0 && sev >= settings.severity();
        if (!Double.isNaN(guard.bound())) {
            // A calm stream: the point guard is armed, and its bound around the median of the
            // points just before is exactly where a point starts to be flagged on its own.
            double c = guard.center();
            return out.scored(NAME, value, raw, c, c - guard.bound(), c + guard.bound(), settings.severity(), anomaly)
                    .severity(sev);
        }
        // Otherwise: what the memory expects, the level of the category that matched the latest
        // window best; the band, that level widened by what vigilance tolerates, joined with the
        // zone around the median level that the detector does not tell from the median.
        double lo = s.expectLow();
        double hi = s.expectHigh();
        double expected = frame.value((lo + hi) / 2);
        double tolerance = (1 - Math.sqrt(Math.max(0, s.rhoLb()))) * Math.max(0, 1 - (hi - lo));
        double bandLo = Math.min(lo - tolerance, s.median() - s.chomp());
        double bandHi = Math.max(hi + tolerance, s.median() + s.chomp());
        return out.scored(NAME, value, raw, expected, frame.value(bandLo), frame.value(bandHi), settings.severity(),
                anomaly).severity(sev);
    }

    /**
     * The coarsest warmed-up scale whose warm-up is at most {@code share} of the points seen, else
     * the finest warmed-up one. Scales finer than a qualifying one can never report again (the
     * points seen only grow): they are retired, no longer updated, and their memory is released
     * from the saved state.
     */
    private int reporting() {
        int rep = -1;
        int qualified = -1;
        for (int k = retired; k < scales.length; k++) {
            if (scales[k].warmedUp()) {
                if (rep < 0) {
                    rep = k;
                }
                if (scales[k].warmupPoints() <= settings.share() * seen) {
                    rep = k;
                    qualified = k;
                }
            }
        }
        if (qualified > retired) {
            for (int k = retired; k < qualified; k++) {
                scales[k].reset();
            }
            retired = qualified;
        }
        return rep;
    }

    /** The raw score of the last point (0 while learning). */
    public double lastScore() {
        return lastRaw;
    }

    /** The calibrated severity of the last point, in [0, 1] (0 while learning). */
    public double lastSeverity() {
        return lastSeverity;
    }

    /** The value frame's lower edge (NaN before it is set). */
    double frameLo() {
        return frame.isSet() ? frame.lo() : Double.NaN;
    }

    double frameHi() {
        return frame.isSet() ? frame.hi() : Double.NaN;
    }

    /** Categories the reporting scale remembers (0 while learning). */
    int categories() {
        int rep = reporting();
        return rep < 0 ? 0 : scales[rep].categories();
    }

    /** Points per block of the scale that reports now, 0 while learning. */
    public int reportingStep() {
        int rep = reporting();
        return rep < 0 ? 0 : scales[rep].step;
    }

    /**
     * Accepts the current behaviour as the new normal: no point is anomalous until the stream has
     * been familiar again (every recent window resonating with memory) for a few windows, while
     * the memory learns the new level.
     */
    @Override
    public void rebaseline() {
        for (int k = retired; k < scales.length; k++) {
            scales[k].rebaseline();
        }
    }

    @Override
    public boolean isLearning() {
        return retired == 0 && !scales[0].warmedUp();
    }

    @Override
    public long seen() {
        return seen;
    }

    @Override
    public long skipped() {
        return skipped;
    }

    @Override
    public void reset() {
        for (ArtScale s : scales) {
            s.reset();
        }
        frame.reset();
        StreamHints h = settings.hints();
        if (h.hasRange()) {
            frame.declare(h.min(), h.max());
        }
        severity.reset();
        guard.reset();
        guarded = 0;
        seen = 0;
        skipped = 0;
        retired = 0;
        rawMin = Double.POSITIVE_INFINITY;
        rawMax = Double.NEGATIVE_INFINITY;
        lastRaw = 0;
        lastSeverity = 0;
    }

    /** Writes the complete state, settings included, in a compact versioned binary form. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        out.writeByte(FORMAT);
        writeSettings(settings, out);
        out.writeLong(seen);
        out.writeLong(skipped);
        out.writeByte(retired);
        out.writeDouble(rawMin);
        out.writeDouble(rawMax);
        out.writeDouble(lastRaw);
        out.writeDouble(lastSeverity);
        frame.write(out);
        severity.write(out);
        guard.write(out);
        out.writeInt(guarded);
        for (int k = retired; k < scales.length; k++) {
            scales[k].write(out);
        }
    }

    /** Reads a detector written by {@link #write}. */
    public static ArtDetector read(DataInput in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not an art detector state");
        }
        int format = in.readUnsignedByte();
        if (format != FORMAT) {
            throw new IOException("art detector state format " + format + ", this version reads " + FORMAT);
        }
        ArtDetector d = new ArtDetector(readSettings(in));
        d.seen = in.readLong();
        d.skipped = in.readLong();
        d.retired = in.readUnsignedByte();
        if (d.retired >= d.scales.length) {
            throw new IOException("art detector state retires " + d.retired + " of " + d.scales.length + " scales");
        }
        d.rawMin = in.readDouble();
        d.rawMax = in.readDouble();
        d.lastRaw = in.readDouble();
        d.lastSeverity = in.readDouble();
        d.frame.read(in);
        d.severity.read(in);
        d.guard.read(in);
        d.guarded = in.readInt();
        for (int k = d.retired; k < d.scales.length; k++) {
            d.scales[k].read(in);
        }
        return d;
    }

    /** The state as bytes ({@link #write}). */
    public byte[] toBytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    public static ArtDetector fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeSettings(ArtSettings s, DataOutput out) throws IOException {
        out.writeDouble(s.severity());
        out.writeInt(s.capacity());
        out.writeDouble(s.margin());
        out.writeInt(s.horizon());
        out.writeDouble(s.share());
        out.writeInt(s.trend());
        int[] steps = s.steps();
        out.writeByte(steps.length);
        for (int st : steps) {
            out.writeInt(st);
        }
        out.writeBoolean(s.clip());
        out.writeDouble(s.deadband());
        out.writeDouble(s.hints().min());
        out.writeDouble(s.hints().max());
        out.writeLong(s.hints().period());
    }

    private static ArtSettings readSettings(DataInput in) throws IOException {
        double sev = in.readDouble();
        int capacity = in.readInt();
        double margin = in.readDouble();
        int horizon = in.readInt();
        double share = in.readDouble();
        int trend = in.readInt();
        int[] steps = new int[in.readUnsignedByte()];
        for (int k = 0; k < steps.length; k++) {
            steps[k] = in.readInt();
        }
        boolean clip = in.readBoolean();
        double deadband = in.readDouble();
        StreamHints hints = new StreamHints(in.readDouble(), in.readDouble(), in.readLong());
        try {
            return new ArtSettings(sev, capacity, margin, horizon, share, trend, steps, clip, deadband, hints);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid art settings in saved state: " + e.getMessage(), e);
        }
    }

    /** The complete state ({@link #write}); its settings travel with it and are checked on reading. */
    @Override
    public void writeState(DataOutput out) throws IOException {
        write(out);
    }
}
