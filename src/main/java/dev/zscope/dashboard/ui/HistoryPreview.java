package dev.zscope.dashboard.ui;

import dev.zscope.detection.Detector;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.detection.Verdict;
import dev.zscope.engine.StreamPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * "What if": replays recent points through a fresh detector with candidate settings, exactly as
 * the engine would have, and returns the points it would have flagged. Nothing is applied.
 */
final class HistoryPreview {

    private HistoryPreview() {
    }

    static List<StreamPoint> flag(List<StreamPoint> history, DetectorChoice candidate) {
        Detector detector = candidate.create();
        Verdict v = new Verdict();
        List<StreamPoint> flagged = new ArrayList<>();
        for (StreamPoint p : history) {
            detector.update(p.epochMillis(), p.value(), v);
            if (v.anomaly()) {
                flagged.add(new StreamPoint(p.sequence(), p.epochMillis(), p.value(), v.expected(),
                        v.lower(), v.upper(), v.score(), v.severity(), true, p.injected(), false));
            }
        }
        return flagged;
    }
}
