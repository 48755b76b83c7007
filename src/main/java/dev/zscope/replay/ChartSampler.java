package dev.zscope.replay;

import dev.zscope.engine.StreamPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a bounded, evenly spaced sample of an unbounded series for the chart: every k-th point,
 * with k doubling whenever the sample fills up, plus every anomaly and every labelled point (up to
 * a cap, so a missed label is on the chart too), so ten million
 * rows become a few thousand points without knowing the length in advance.
 */
final class ChartSampler {

    private final int capacity;
    private final int anomalyCap;
    private final List<StreamPoint> sample = new ArrayList<>();
    private long step = 1;
    private int keptAnomalies;

    ChartSampler(int capacity, int anomalyCap) {
        this.capacity = capacity;
        this.anomalyCap = anomalyCap;
    }

    void offer(StreamPoint p) {
        boolean keepAnomaly = (p.anomaly() || p.injected()) && keptAnomalies < anomalyCap;
        if (p.sequence() % step != 0 && !keepAnomaly) {
            return;
        }
        if (keepAnomaly) {
            keptAnomalies++;
        }
        sample.add(p);
        if (sample.size() - keptAnomalies >= capacity) {
            step *= 2;
            sample.removeIf(q -> !q.anomaly() && !q.injected() && q.sequence() % step != 0);
        }
    }

    List<StreamPoint> points() {
        return List.copyOf(sample);
    }
}
