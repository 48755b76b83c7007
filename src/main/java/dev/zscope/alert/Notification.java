package dev.zscope.alert;

import java.time.Instant;

/**
 * One delivery attempt of a notification about one alert to one channel, as the Alerts view lists
 * it.
 *
 * @param status  {@code firing} or {@code resolved}
 * @param outcome {@code sent} or {@code failed}
 * @param detail  why it failed (no secrets), or empty
 */
public record Notification(long alertId, String channel, String status, Instant at, String outcome, String detail) {

    public boolean sent() {
        return "sent".equals(outcome);
    }
}
