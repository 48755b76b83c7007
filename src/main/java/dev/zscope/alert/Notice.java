package dev.zscope.alert;

import java.time.Instant;
import java.util.List;

/**
 * One notification of one group (a stream) to one channel: its alerts, each firing or resolved.
 *
 * @param channel the channel's name (Alertmanager's {@code receiver})
 * @param stream  the group: alerts are grouped by stream
 * @param items   the alerts it reports
 * @param at      when it is sent (server time)
 * @param test    a "Send test notification", about no real alert
 */
record Notice(String channel, String stream, List<Item> items, Instant at, boolean test) {

    Notice {
        items = List.copyOf(items);
    }

    /** An alert and whether it is reported firing or resolved. */
    record Item(Alert alert, boolean firing) {
    }

    /** Firing if any of its alerts fires (Alertmanager's group status). */
    boolean firing() {
        return items.stream().anyMatch(Item::firing);
    }

    /** Alertmanager's group key for a group by stream. */
    String groupKey() {
        return "{}:{stream=\"" + stream + "\"}";
    }
}
