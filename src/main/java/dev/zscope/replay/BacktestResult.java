package dev.zscope.replay;

import dev.zscope.engine.StreamPoint;
import java.util.List;

/**
 * What replaying a file through a detector found.
 *
 * @param rows      data rows read
 * @param skipped   rows whose value was missing or not a number (not fed to the detector)
 * @param anomalies how many points the detector flagged
 * @param chart     an evenly thinned series for the chart (every flagged point is kept)
 * @param labels    agreement with a label column, or null when the file has none
 * @param cancelled whether the user stopped it before the end
 */
public record BacktestResult(long rows, long skipped, long anomalies, List<StreamPoint> chart,
                             LabelScore labels, boolean cancelled) {

    /**
     * Point-wise agreement with the file's labels: a flagged point is a true positive when its row
     * is labelled anomalous.
     */
    public record LabelScore(long truePositives, long falsePositives, long falseNegatives) {

        /** Flagged points that were labelled; NaN when nothing was flagged. */
        public double precision() {
            long flagged = truePositives + falsePositives;
            return flagged == 0 ? Double.NaN : truePositives / (double) flagged;
        }

        /** Labelled points that were flagged; NaN when nothing was labelled. */
        public double recall() {
            long labelled = truePositives + falseNegatives;
            return labelled == 0 ? Double.NaN : truePositives / (double) labelled;
        }
    }
}
