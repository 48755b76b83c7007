package dev.zscope.alert;

import dev.zscope.detection.DetectorKind;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.detection.catalog.Detectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a stream's triage labels say: how many of its labelled anomalies were right to be flagged
 * (true positives and expected changes) and, where false positives were labelled, a threshold that
 * would have dropped more of them than it costs true ones. Only a suggestion: the dashboard shows it
 * with a Preview on history; nothing applies it by itself.
 *
 * @param precision  correct / labelled, NaN with no labels
 * @param suggestion a better threshold for the detector the stream runs, or null
 */
public record Precision(String stream, int truePositives, int falsePositives, int expected, double precision,
                        Suggestion suggestion) {

    /**
     * A threshold to try.
     *
     * @param key       the detector's setting: {@code threshold} (on the score) or {@code severity}
     * @param current   its value in force
     * @param suggested the value to try
     * @param dropped   labelled false positives it would have dropped
     * @param falsePositives labelled false positives of this detector
     * @param lost      labelled correct anomalies it would have dropped too
     * @param correct   labelled correct anomalies of this detector
     */
    public record Suggestion(String key, double current, double suggested, int dropped, int falsePositives, int lost,
                             int correct) {

        /** The detector choice with the suggested value, for a preview. */
        public DetectorChoice apply(DetectorChoice choice) {
            Map<String, String> settings = new HashMap<>(choice.settings());
            settings.put(key, NoticeText.num(suggested));
            return new DetectorChoice(choice.detector(), settings);
        }

        public String describe() {
            return String.format(Locale.ROOT, "%s %s instead of %s would have dropped %d of %d false positives and"
                    + " %d of %d correct anomalies", key, NoticeText.num(suggested), NoticeText.num(current), dropped,
                    falsePositives, lost, correct);
        }
    }

    public int labelled() {
        return truePositives + falsePositives + expected;
    }

    /** "7 of 10 labelled anomalies correct (70%)". */
    public String describe() {
        if (labelled() == 0) {
            return "No labelled anomalies yet.";
        }
        return String.format(Locale.ROOT, "%d of %d labelled anomalies correct (%.0f%%): %d true positive, %d false"
                + " positive, %d expected", truePositives + expected, labelled(), 100 * precision, truePositives,
                falsePositives, expected);
    }

    /** From a stream's labels, for the detector {@code current} it runs now (null: no suggestion). */
    static Precision of(String stream, List<Label> labels, DetectorChoice current) {
        int tp = 0;
        int fp = 0;
        int ex = 0;
        for (Label l : labels) {
            switch (l.triage()) {
                case TRUE_POSITIVE -> tp++;
                case FALSE_POSITIVE -> fp++;
                case EXPECTED -> ex++;
            }
        }
        int n = tp + fp + ex;
        return new Precision(stream, tp, fp, ex, n == 0 ? Double.NaN : (tp + ex) / (double) n,
                current == null ? null : suggest(labels, current));
    }

    private static Suggestion suggest(List<Label> labels, DetectorChoice current) {
        DetectorKind<?> kind = current.kind();
        String key = kind.setting("threshold").isPresent() ? "threshold"
                : kind.setting("severity").isPresent() ? "severity" : null;
        if (key == null) {
            return null;
        }
        boolean onSeverity = key.equals("severity");
        List<Double> good = new ArrayList<>();
        List<Double> bad = new ArrayList<>();
        for (Label l : labels) {
            if (!sameKind(l.detector(), kind)) {
                continue;
            }
            double q = onSeverity ? l.severity() : l.score();
            if (Double.isFinite(q)) {
                (l.triage().correct() ? good : bad).add(q);
            }
        }
        double now = Double.parseDouble(current.setting(key));
        Suggestion best = null;
        int bestGain = 0;
        for (double fpValue : bad.stream().sorted().distinct().toList()) {
            if (fpValue < now) {
                continue; // already below the threshold in force (labelled under another setting)
            }
            int dropped = (int) bad.stream().filter(q -> q <= fpValue).count();
            int lost = (int) good.stream().filter(q -> q <= fpValue).count();
            double nextGood = good.stream().filter(q -> q > fpValue).min(Double::compare).orElse(Double.NaN);
            if (Double.isNaN(nextGood) || dropped - lost <= bestGain) {
                continue;
            }
            double suggested = between(fpValue, nextGood);
            if (kind.setting(key).orElseThrow().accepts(suggested)) {
                bestGain = dropped - lost;
                best = new Suggestion(key, now, suggested, dropped, bad.size(), lost, good.size());
            }
        }
        return best;
    }

    /** A round value strictly between {@code low} and {@code high}: the midpoint, shortened where that stays between. */
    private static double between(double low, double high) {
        double mid = low + (high - low) / 2;
        for (int digits = 1; digits <= 15; digits++) {
            double rounded = Double.parseDouble(String.format(Locale.ROOT, "%." + digits + "g", mid));
            if (rounded > low && rounded < high) {
                return rounded;
            }
        }
        return mid;
    }

    private static boolean sameKind(String detector, DetectorKind<?> kind) {
        try {
            return Detectors.kind(detector).settings().equals(kind.settings());
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }
}
