package dev.zscope.metrics;

import dev.zscope.anomaly.AnomalyService;
import dev.zscope.anomaly.StoreHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code anomalyStore} in {@code /actuator/health} and its readiness group: DOWN while anomalies
 * cannot be kept ({@link StoreHealth}), because the server then refuses every write, so a load
 * balancer should send writes elsewhere. Details reach nobody over HTTP (the endpoint shows the
 * status only); they are for the log and tests.
 */
@Component("anomalyStore")
class AnomalyStoreHealth implements HealthIndicator {

    private final AnomalyService anomalies;

    AnomalyStoreHealth(AnomalyService anomalies) {
        this.anomalies = anomalies;
    }

    @Override
    public Health health() {
        StoreHealth h = anomalies.health();
        if (h.ok()) {
            return Health.up().build();
        }
        return Health.down().withDetail("since", String.valueOf(h.since())).withDetail("diskFull", h.diskFull())
                .withDetail("reason", String.valueOf(h.reason())).build();
    }
}
