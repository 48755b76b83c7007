package dev.zscope.detection;

import java.util.Objects;

/**
 * The argument check of the detectors' batch entry points ({@code update(values, from, to,
 * anomalies)}), in one place so that they refuse alike: a range outside {@code values}, or fewer
 * places for anomalies than points, since every point may be one.
 */
public final class BatchArguments {

    private BatchArguments() {
    }

    public static void check(double[] values, int from, int to, int[] anomalies) {
        Objects.checkFromToIndex(from, to, values.length);
        if (anomalies.length < to - from) {
            throw new IllegalArgumentException("room for " + anomalies.length + " anomalies, "
                    + (to - from) + " points");
        }
    }
}
