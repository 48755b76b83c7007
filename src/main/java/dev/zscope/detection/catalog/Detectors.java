package dev.zscope.detection.catalog;

import dev.zscope.detection.Detector;
import dev.zscope.detection.DetectorKind;
import dev.zscope.detection.art.ArtDetector;
import dev.zscope.detection.art.ArtSettings;
import dev.zscope.detection.ewma.EwmaDetector;
import dev.zscope.detection.ewma.EwmaSettings;
import dev.zscope.detection.rcf.RcfDetector;
import dev.zscope.detection.rcf.RcfSettings;
import dev.zscope.detection.robust.RobustDetector;
import dev.zscope.detection.robust.RobustSettings;
import dev.zscope.detection.seasonal.SeasonalDetector;
import dev.zscope.detection.seasonal.SeasonalSettings;
import dev.zscope.detection.zscore.ZScoreDetector;
import dev.zscope.detection.zscore.ZScoreSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every detector Zscope offers, by name: the one place the replay command, the settings form, the
 * engine and the saved states look them up. {@value #DEFAULT} is an alias of the recommended detector.
 */
public final class Detectors {

    /** The name that always means the recommended detector. */
    public static final String DEFAULT = "default";

    /**
     * Detectors earlier versions offered and this one retired; a stored choice of one of them runs
     * the recommended detector instead (see {@link DetectorChoice}).
     */
    static final Set<String> RETIRED = Set.of("resonance", "sentinel");

    private static final DetectorKind<ArtSettings> ART = new DetectorKind<>(ArtDetector.NAME,
            "the recommended default: adaptive resonance over shapes at growing time scales, calibrated"
                    + " severity, one alarm per incident",
            ArtSettings.SETTINGS, ArtSettings::of, ArtDetector::new, ArtDetector.FORMAT, (s, in) -> ArtDetector.read(in));

    private static final List<DetectorKind<?>> KINDS = List.of(
            ART.alias(DEFAULT, "alias of " + ArtDetector.NAME),
            ART,
            new DetectorKind<>(ZScoreDetector.NAME, "rolling mean and standard deviation (Gaussian noise)",
                    ZScoreSettings.SETTINGS, ZScoreSettings::of, ZScoreDetector::new,
                    ZScoreDetector.STATE_VERSION, ZScoreDetector::read),
            new DetectorKind<>(RobustDetector.NAME, "rolling median and MAD (outliers do not mask each other)",
                    RobustSettings.SETTINGS, RobustSettings::of, RobustDetector::new,
                    RobustDetector.STATE_VERSION, RobustDetector::read),
            new DetectorKind<>(EwmaDetector.NAME, "exponentially weighted mean and variance, O(1)",
                    EwmaSettings.SETTINGS, EwmaSettings::of, EwmaDetector::new,
                    EwmaDetector.STATE_VERSION, EwmaDetector::read),
            new DetectorKind<>(SeasonalDetector.NAME, "learns the period, compares with the same phase",
                    SeasonalSettings.SETTINGS, SeasonalSettings::of, SeasonalDetector::new,
                    SeasonalDetector.STATE_VERSION, SeasonalDetector::read),
            new DetectorKind<>(RcfDetector.NAME, "AWS Random Cut Forest, thresholded, shingled",
                    RcfSettings.SETTINGS, RcfSettings::of, RcfDetector::new, 0, null));

    private Detectors() {
    }

    /** Every kind, the default alias first. */
    public static List<DetectorKind<?>> kinds() {
        return KINDS;
    }

    /**
     * A new detector of kind {@code name} with {@code settings} over its defaults.
     *
     * @throws IllegalArgumentException for an unknown name; a
     *     {@link dev.zscope.detection.SettingException} for an unknown setting or an invalid value
     */
    public static Detector create(String name, Map<String, String> settings) {
        return kind(name).create(settings);
    }

    /** @throws IllegalArgumentException for an unknown name, listing the known ones */
    public static DetectorKind<?> kind(String name) {
        return KINDS.stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown detector '" + name
                        + "'; choose one of " + KINDS.stream().map(DetectorKind::name).toList()));
    }
}
