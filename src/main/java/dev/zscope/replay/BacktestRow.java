package dev.zscope.replay;

/**
 * One row of a backtest worth a look: a point the detector flagged, or (in a labelled file) a
 * labelled point it missed.
 *
 * @param line        the row's line in the file (the header is line 1)
 * @param epochMillis the row's time
 * @param value       the row's value
 * @param score       the detector's score for it
 * @param severity    its calibrated severity in [0, 1] (how rare a score this high is for the file)
 * @param expected    the value the detector expected
 * @param lower       the normal band's lower edge
 * @param upper       the normal band's upper edge
 * @param flagged     whether the detector flagged it
 * @param labelled    whether the file labels it anomalous, or null when the file has no labels
 */
public record BacktestRow(long line, long epochMillis, double value, double score, double severity,
                          double expected,
                          double lower, double upper, boolean flagged, Boolean labelled) {

    /** The CSV download's columns. */
    public static final String[] HEADER = {"line", "timestamp", "value", "score", "severity", "expected", "lower", "upper",
            "flagged", "labelled"};

    /** What the row means, in words: "flagged", "flagged, labelled", "flagged, not labelled", "missed". */
    public String outcome() {
        if (!flagged) {
            return "missed";
        }
        return labelled == null ? "flagged" : labelled ? "flagged, labelled" : "flagged, not labelled";
    }
}
