package dev.zscope.dashboard.ui;

import dev.zscope.detection.catalog.DetectorChoice;
import java.util.ArrayList;
import java.util.List;

/**
 * The sentence under the chart that says what its lines and marks are, for the detector the stream
 * runs: a legend names things, this says what they mean (the band is not a confidence interval of
 * the mean, and the default detector's band is where a single point is flagged on its own). Only the
 * marks present are explained: "Injected" only where the simulator injects, "Preview" only while a
 * preview is shown.
 */
final class ChartLegend {

    private ChartLegend() {
    }

    static String text(DetectorChoice choice, boolean injections, boolean preview) {
        String name = choice.kind().name();
        List<String> parts = new ArrayList<>();
        if (name.equals("art") || name.equals("default")) {
            parts.add("Expected (dashed): what the detector (art) expects here. Normal band: how far a single point"
                    + " may go before it is flagged on its own at the severity in force (" + setting(choice, "severity")
                    + "); drawn while the stream is calm enough for that test. art also flags unusual patterns,"
                    + " which can lie inside the band.");
        } else if (name.equals("rcf")) {
            parts.add("Expected (dashed): what the detector (rcf) expects here. rcf has no band: it flags points"
                    + " by its score (threshold " + setting(choice, "threshold") + ").");
        } else {
            parts.add("Expected (dashed): what the detector (" + name + ") expects here. Normal band: the values it"
                    + " treats as normal at its threshold in force (" + setting(choice, "threshold")
                    + "); a point outside the band is flagged.");
        }
        parts.add("Long ranges are thinned to the chart's width; every anomaly is drawn.");
        if (injections) {
            parts.add("Injected: anomalies the simulator put in, to check that they are found.");
        }
        if (preview) {
            parts.add("Preview: what the settings being edited would flag; nothing is applied.");
        }
        return String.join(" ", parts);
    }

    private static String setting(DetectorChoice choice, String key) {
        String v = choice.setting(key);
        return v == null ? "default" : key + " " + v;
    }
}
