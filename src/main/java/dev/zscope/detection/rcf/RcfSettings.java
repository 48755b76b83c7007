package dev.zscope.detection.rcf;

import dev.zscope.detection.Params;
import dev.zscope.detection.SettingSpec;
import java.io.Serializable;
import java.util.List;

/**
 * Settings of the {@code rcf} detector: the library's own recommended defaults where it has them.
 *
 * @param shingleSize consecutive points forming one sample, so the forest sees shapes, not just
 *                    levels; 8 is short enough to react within a few points
 * @param trees       trees in the forest; 50 is the library's default and its accuracy/speed balance
 * @param sampleSize  points each tree keeps; 256 is the library's default
 * @param seed        the random seed, fixed so that replays are reproducible
 */
public record RcfSettings(int shingleSize, int trees, int sampleSize, long seed) implements Serializable {

    static final List<SettingSpec> SPECS = List.of(
            new SettingSpec("shingleSize", "8", "consecutive points per sample, 1 to 64"),
            new SettingSpec("trees", "50", "trees in the forest, 1 to 500"),
            new SettingSpec("sampleSize", "256", "points kept per tree, 16 to 4096"),
            new SettingSpec("seed", "42", "random seed (fixed for reproducible scores)"));

    public RcfSettings {
        if (shingleSize < 1 || shingleSize > 64 || trees < 1 || trees > 500 || sampleSize < 16
                || sampleSize > 4096) {
            throw new IllegalArgumentException("rcf needs shingleSize 1-64, trees 1-500, sampleSize 16-4096");
        }
    }

    public static List<SettingSpec> specs() {
        return SPECS;
    }

    public static RcfSettings from(Params p) {
        return new RcfSettings(p.integer("shingleSize", 1, 64), p.integer("trees", 1, 500),
                p.integer("sampleSize", 16, 4096), (long) p.number("seed", -9e15, 9e15));
    }
}
