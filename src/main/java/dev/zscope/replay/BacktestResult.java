package dev.zscope.replay;

import dev.zscope.engine.StreamPoint;
import java.nio.file.Path;
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
 * @param listed    the first flagged or missed rows, in file order (at most {@value BacktestRows#LISTED})
 * @param rowCount  how many rows were flagged or missed in all (all of them are in {@code rowsFile})
 * @param rowsFile  a CSV of every flagged or missed row (a temporary file the caller deletes), or
 *                  null when none was asked for
 */
public record BacktestResult(long rows, long skipped, long anomalies, List<StreamPoint> chart,
                             LabelScore labels, boolean cancelled, List<BacktestRow> listed, long rowCount,
                             Path rowsFile) {

    /** This result with its rows' CSV in {@code file}. */
    BacktestResult withRowsFile(Path file) {
        return new BacktestResult(rows, skipped, anomalies, chart, labels, cancelled, listed, rowCount, file);
    }

    /** The chart's points that are labelled anomalous but were not flagged: the missed ones. */
    public List<StreamPoint> missed() {
        return chart.stream().filter(p -> p.injected() && !p.anomaly()).toList();
    }

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
