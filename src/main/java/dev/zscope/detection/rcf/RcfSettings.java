package dev.zscope.detection.rcf;

import dev.zscope.detection.Setting;
import dev.zscope.detection.SettingValues;
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
public record RcfSettings(int shingleSize, int trees, int sampleSize, long seed) {

    public static final Setting SHINGLE_SIZE = Setting.whole("shingleSize", 8, 1, 64, "consecutive points per sample");
    public static final Setting TREES = Setting.whole("trees", 50, 1, 500, "trees in the forest");
    public static final Setting SAMPLE_SIZE = Setting.whole("sampleSize", 256, 16, 4096, "points kept per tree");
    public static final Setting SEED = Setting.whole("seed", 42, -(1L << 53), 1L << 53,
            "random seed (fixed for reproducible scores)");
    public static final List<Setting> SETTINGS = List.of(SHINGLE_SIZE, TREES, SAMPLE_SIZE, SEED);

    public RcfSettings {
        SHINGLE_SIZE.check(shingleSize);
        TREES.check(trees);
        SAMPLE_SIZE.check(sampleSize);
        SEED.check(seed);
    }

    public static RcfSettings of(SettingValues v) {
        return new RcfSettings(v.whole(SHINGLE_SIZE), v.whole(TREES), v.whole(SAMPLE_SIZE), (long) v.number(SEED));
    }
}
