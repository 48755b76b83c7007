package dev.zscope.alert;

import dev.zscope.engine.Anomaly;
import dev.zscope.engine.AnomalyListener;
import dev.zscope.engine.AnomalyObserver;
import dev.zscope.engine.DetectionEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Alerts in cluster mode: the anomalies of the streams this web node owns (handed over once per
 * deployment by the cluster's anomaly feed) go to the alert evaluator, one call per stream, as the
 * engine's own listener does on a single server. On a single server this does nothing, so no
 * anomaly is evaluated twice. The engine and the runtime are looked up when anomalies arrive: the
 * engine collects its observers while it is built, before either of them exists.
 */
@Component
class ClusterAlertIntake implements AnomalyObserver {

    private final BooleanSupplier judgedElsewhere;
    private final Supplier<AnomalyListener> intake;
    private final LongSupplier now;

    @Autowired
    ClusterAlertIntake(ObjectProvider<DetectionEngine> engine, ObjectProvider<AlertRuntime> runtime) {
        this(() -> !engine.getObject().judgesLocally(), () -> runtime.getObject().evaluator.intake(),
                () -> engine.getObject().nowMillis());
    }

    ClusterAlertIntake(BooleanSupplier judgedElsewhere, Supplier<AnomalyListener> intake, LongSupplier now) {
        this.judgedElsewhere = judgedElsewhere;
        this.intake = intake;
        this.now = now;
    }

    @Override
    public void observe(List<Anomaly> anomalies) {
        if (anomalies.isEmpty() || !judgedElsewhere.getAsBoolean()) {
            return;
        }
        Map<String, List<Anomaly>> byStream = new LinkedHashMap<>();
        for (Anomaly a : anomalies) {
            byStream.computeIfAbsent(a.stream(), s -> new ArrayList<>()).add(a);
        }
        long verdictMillis = now.getAsLong();
        AnomalyListener listener = intake.get();
        byStream.values().forEach(ofOne -> listener.kept(ofOne, verdictMillis));
    }
}
