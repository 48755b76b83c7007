package dev.zscope.metrics;

/**
 * The hook behind {@code zscope.alerts.firing}: how many alerts fire right now. The alerting
 * feature provides a bean of this type; without one the gauge reads 0, which is then true, since
 * nothing can fire.
 */
@FunctionalInterface
public interface FiringAlerts {

    int firing();
}
