package dev.zscope.detection.catalog;

import dev.zscope.detection.Detector;
import dev.zscope.detection.DetectorKind;
import dev.zscope.detection.SettingSpec;
import dev.zscope.detection.ewma.EwmaDetector;
import dev.zscope.detection.ewma.EwmaSettings;
import dev.zscope.detection.robust.RobustDetector;
import dev.zscope.detection.robust.RobustSettings;
import dev.zscope.detection.seasonal.SeasonalDetector;
import dev.zscope.detection.seasonal.SeasonalSettings;
import dev.zscope.detection.shape.ResonanceDetector;
import dev.zscope.detection.shape.ResonanceSettings;
import dev.zscope.detection.shape.SentinelDetector;
import dev.zscope.detection.shape.SentinelSettings;
import dev.zscope.detection.zscore.ZScoreDetector;
import dev.zscope.detection.zscore.ZScoreSettings;

import dev.zscope.detection.rcf.RcfDetector;
import dev.zscope.detection.rcf.RcfSettings;
import java.util.List;
import java.util.Map;

/**
 * Every detector Zscope offers, by name: the one place the replay command, and later the settings
 * form, look them up. {@value #DEFAULT} is an alias of the recommended detector.
 */
public final class Detectors {

    /** The name that always means the recommended detector. */
    public static final String DEFAULT = "default";

    private static final List<SettingSpec> ZSCORE_SPECS = List.of(
            new SettingSpec("threshold", "3", "anomalous above this |z|, > 0"),
            new SettingSpec("window", "100", "points in the rolling baseline, 2 to " + ZScoreSettings.MAX_WINDOW),
            new SettingSpec("warmup", "30", "points before the first verdict, 2 to window"));

    private static final DetectorKind RESONANCE = new DetectorKind(ResonanceDetector.NAME,
            "the recommended default: novel shapes, calibrated to each stream, one alarm per incident",
            ResonanceSettings.SPECS, p -> new ResonanceDetector(ResonanceSettings.from(p)));

    private static final List<DetectorKind> KINDS = List.of(
            new DetectorKind(DEFAULT, "alias of " + ResonanceDetector.NAME, RESONANCE.settings(),
                    RESONANCE.factory()),
            RESONANCE,
            new DetectorKind(SentinelDetector.NAME, "novel shapes far from the usual level, one alarm per incident",
                    SentinelSettings.SPECS, p -> new SentinelDetector(SentinelSettings.from(p))),
            new DetectorKind(ZScoreDetector.NAME, "rolling mean and standard deviation (Gaussian noise)",
                    ZSCORE_SPECS, p -> new ZScoreDetector(new ZScoreSettings(p.number("threshold", 0, 1e9),
                            p.integer("window", 2, ZScoreSettings.MAX_WINDOW), p.integer("warmup", 2,
                                    ZScoreSettings.MAX_WINDOW)))),
            new DetectorKind(RobustDetector.NAME, "rolling median and MAD (outliers do not mask each other)",
                    RobustSettings.SPECS, p -> new RobustDetector(RobustSettings.from(p))),
            new DetectorKind(EwmaDetector.NAME, "exponentially weighted mean and variance, O(1)",
                    EwmaSettings.SPECS, p -> new EwmaDetector(EwmaSettings.from(p))),
            new DetectorKind(SeasonalDetector.NAME, "learns the period, compares with the same phase",
                    SeasonalSettings.SPECS, p -> new SeasonalDetector(SeasonalSettings.from(p))),
            new DetectorKind(RcfDetector.NAME, "AWS Random Cut Forest, thresholded, shingled",
                    RcfSettings.specs(), p -> new RcfDetector(RcfSettings.from(p))));

    private Detectors() {
    }

    /** Every kind, the default alias first. */
    public static List<DetectorKind> kinds() {
        return KINDS;
    }

    /**
     * A new detector of kind {@code name} with {@code settings} over its defaults.
     *
     * @throws IllegalArgumentException for an unknown name or setting, or an invalid value
     */
    public static Detector create(String name, Map<String, String> settings) {
        return kind(name).create(settings);
    }

    public static DetectorKind kind(String name) {
        return KINDS.stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown detector '" + name
                        + "'; choose one of " + KINDS.stream().map(DetectorKind::name).toList()));
    }
}
