package dev.zscope.alert;

import dev.zscope.engine.Anomaly;
import java.util.List;

/**
 * Anomalies of one stream as they reach the alert evaluator: those of one engine call, judged at
 * server time {@code at}, or (when the evaluator fell behind) several calls merged into one.
 *
 * @param anomalies the anomalies, oldest first; for a merged arrival the strongest and the last
 * @param extra     anomalies merged in beyond those listed, counted like the strongest
 */
record Arrival(String stream, long at, List<Anomaly> anomalies, long extra) {

    /** Folds {@code next} (later) into this arrival, keeping the strongest anomaly and the last. */
    Arrival merge(Arrival next) {
        Anomaly strongest = strongest();
        Anomaly nextStrongest = next.strongest();
        Anomaly keep = Severities.of(nextStrongest) > Severities.of(strongest) ? nextStrongest : strongest;
        Anomaly last = next.anomalies.getLast();
        List<Anomaly> kept = keep == last ? List.of(last) : List.of(keep, last);
        long total = count() + next.count();
        return new Arrival(stream, next.at, kept, total - kept.size());
    }

    long count() {
        return anomalies.size() + extra;
    }

    Anomaly strongest() {
        Anomaly best = anomalies.getFirst();
        for (Anomaly a : anomalies) {
            if (Severities.of(a) > Severities.of(best)) {
                best = a;
            }
        }
        return best;
    }
}
