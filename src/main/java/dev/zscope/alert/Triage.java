package dev.zscope.alert;

import java.util.Locale;

/** What someone on call concluded about an anomaly. */
public enum Triage {

    /** A real problem: the detector was right to flag it. */
    TRUE_POSITIVE("true positive"),

    /** Noise: it should not have been flagged. */
    FALSE_POSITIVE("false positive"),

    /**
     * A real change that is the new normal (a deploy, a new customer): resolves the stream's alert
     * and re-baselines its detector on the new level.
     */
    EXPECTED("expected (new normal)");

    private final String label;

    Triage(String label) {
        this.label = label;
    }

    /** As people read it: "true positive", "false positive", "expected (new normal)". */
    public String label() {
        return label;
    }

    /** Whether the detector was right to flag it (a true positive or an expected change). */
    public boolean correct() {
        return this != FALSE_POSITIVE;
    }

    public static Triage parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (Triage x : values()) {
            if (x.name().toLowerCase(Locale.ROOT).equals(t) || x.label.equals(text.strip().toLowerCase(Locale.ROOT))) {
                return x;
            }
        }
        throw new IllegalArgumentException("a label is true_positive, false_positive or expected");
    }
}
