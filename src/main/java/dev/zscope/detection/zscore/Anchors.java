package dev.zscope.detection.zscore;


/**
 * How {@link WindowStats} chooses the anchor its sums are taken around, in one place so that
 * feeding a detector and rebuilding one from its values ({@link ZScoreDetector#prime}, a window
 * change) choose the same anchor bit for bit.
 */
public final class Anchors {

    private Anchors() {
    }

    /**
     * The anchor of a block values[from..to): the median of five of its points spread evenly over
     * it (first, quarters, last). Near the data like the mean, but one spike cannot drag it away,
     * whereas a 1e9 spike would move a block mean of 100 points by 1e7 and leave the next block's
     * sums around it to cancel every digit once the spike has left the window. Five reads, so O(1).
     * A restored window is given the anchor it had, so the choice never has to be made again.
     */
    static double ofBlock(double[] values, int from, int to) {
        int last = to - 1;
        int span = last - from;
        double a = values[from];
        double b = values[from + span / 4];
        double c = values[from + span / 2];
        double d = values[last - span / 4];
        double e = values[last];
        return medianOfFive(a, b, c, d, e);
    }

    /**
     * Drops one value that three others exceed (it ranks first or second, so it is not the median);
     * the median is then the second smallest of the four left.
     */
    public static double medianOfFive(double a, double b, double c, double d, double e) {
        double lo1 = Math.min(a, b);
        double hi1 = Math.max(a, b);
        double lo2 = Math.min(c, d);
        double hi2 = Math.max(c, d);
        if (lo1 < lo2) {
            lo1 = Math.min(e, hi1);
            hi1 = Math.max(e, hi1);
        } else {
            lo2 = Math.min(e, hi2);
            hi2 = Math.max(e, hi2);
        }
        return lo1 < lo2 ? Math.min(hi1, lo2) : Math.min(lo1, hi2);
    }
}
