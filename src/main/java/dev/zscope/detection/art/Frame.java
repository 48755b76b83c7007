package dev.zscope.detection.art;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The value frame [lo, hi] that maps a stream's values to [0, 1] for quantisation and complement
 * coding. Declared (a hint) or discovered (the warm-up's range with a margin); it only ever widens,
 * and a widening is reported as the increasing affine map {@code x ↦ a·x + b} that takes old frame
 * units to new ones, so every stored level can be re-mapped to mean the same value as before.
 */
final class Frame {

    private boolean set;
    private double lo;
    private double hi;
    private double a = 1;
    private double b;

    boolean isSet() {
        return set;
    }

    double lo() {
        return lo;
    }

    double hi() {
        return hi;
    }

    double span() {
        return hi - lo;
    }

    /** Declares the frame exactly (a hint): [min, max]. */
    void declare(double min, double max) {
        set = true;
        lo = min;
        hi = max;
    }

    /** Sets the frame from an observed range, widened by {@code margin} of its span on each side. */
    void discover(double min, double max, double margin) {
        double m = margin * (max - min);
        set = true;
        lo = min - m;
        hi = max + m;
    }

    /** The value in frame units (ARTime: (v − min) / (max − min), or v − min on an empty frame). */
    double normalise(double v) {
        double s = hi - lo;
        return s != 0 ? (v - lo) / s : v - lo;
    }

    double value(double x) {
        return lo + x * (hi - lo);
    }

    /**
     * Widens the frame to hold {@code v} with {@code margin} of the new span beyond it; returns
     * false when {@code v} is already inside. After true, {@link #a()} and {@link #b()} re-map old
     * frame units to new.
     */
    boolean widen(double v, double margin) {
        if (v >= lo && v <= hi) {
            return false;
        }
        double nlo = lo;
        double nhi = hi;
        if (v < lo) {
            nlo = v - margin * (hi - v);
        } else {
            nhi = v + margin * (v - lo);
        }
        double s = hi - lo;
        double ns = nhi - nlo;
        if (s != 0) {
            a = s / ns;
            b = (lo - nlo) / ns;
        } else {
            a = 0;
            b = (lo - nlo) / ns; // every old level was 0, i.e. the value lo
        }
        lo = nlo;
        hi = nhi;
        return true;
    }

    double a() {
        return a;
    }

    double b() {
        return b;
    }

    void reset() {
        set = false;
        lo = 0;
        hi = 0;
        a = 1;
        b = 0;
    }

    void write(DataOutput out) throws IOException {
        out.writeBoolean(set);
        out.writeDouble(lo);
        out.writeDouble(hi);
    }

    void read(DataInput in) throws IOException {
        set = in.readBoolean();
        lo = in.readDouble();
        hi = in.readDouble();
    }
}
