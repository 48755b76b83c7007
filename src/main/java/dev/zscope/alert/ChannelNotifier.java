package dev.zscope.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alertmanager's notification timers for one channel, alerts grouped by stream: a new group waits
 * {@code group-wait} before its first notification, later changes (a new alert, a resolved one)
 * go out at most once per {@code group-interval}, and a group whose firing alerts are all
 * unchanged is notified again after {@code repeat-interval} unless they are acknowledged.
 * Silenced and flapping alerts are held: not sent, and not reported resolved either while held.
 * A resolved alert is reported only if its firing was.
 *
 * <p>State, not a queue: each group remembers which alerts the channel was told are firing, and a
 * notification says what differs. So a failed delivery is retried with backoff (at most one
 * group-interval apart) until it goes through or no longer matters, and nothing is lost or sent
 * twice when deliveries fail or the server restarts. Runs on the evaluator's thread only.
 */
final class ChannelNotifier {

    private static final long FIRST_RETRY_MILLIS = 1_000;

    private ChannelSpec spec;
    private final Map<String, Group> groups = new HashMap<>();

    ChannelNotifier(ChannelSpec spec) {
        this.spec = spec;
    }

    ChannelSpec spec() {
        return spec;
    }

    /** The channel was changed: new timers and target, same memory of what it was told. */
    void respec(ChannelSpec changed) {
        spec = changed;
    }

    /** One stream's alerts as this channel knows them. */
    private static final class Group {
        final String stream;
        final long createdAt;
        long lastSentAt = -1;
        final Map<Long, Alert> alerts = new LinkedHashMap<>();
        /** Alerts the channel was told fire and not yet told resolved. */
        final Set<Long> told = new HashSet<>();
        boolean inFlight;
        int failures;
        long retryAt;

        Group(String stream, long createdAt) {
            this.stream = stream;
            this.createdAt = createdAt;
        }
    }

    /** A notification to send, and the group it is for. */
    record Send(ChannelSpec channel, Notice notice) {
    }

    /** A changed alert; a group starts with its first alert worth notifying. */
    void changed(Alert a, long now) {
        Group g = groups.get(a.stream());
        if (g == null) {
            if (!notifiable(a)) {
                return;
            }
            g = new Group(a.stream(), now);
            groups.put(a.stream(), g);
        }
        g.alerts.put(a.id(), a);
    }

    /**
     * After a restart: {@code a} was told firing on this channel at {@code sentAt}, so it is not told
     * again (until its repeat interval), and its resolution is.
     */
    void restore(Alert a, long sentAt) {
        Group g = groups.computeIfAbsent(a.stream(), s -> new Group(s, sentAt));
        g.alerts.put(a.id(), a);
        g.told.add(a.id());
        g.lastSentAt = Math.max(g.lastSentAt, sentAt);
    }

    /** The notifications due at {@code now}; each group has at most one in flight. */
    List<Send> due(long now) {
        List<Send> out = new ArrayList<>();
        for (Iterator<Group> it = groups.values().iterator(); it.hasNext(); ) {
            Group g = it.next();
            if (g.inFlight) {
                continue;
            }
            forgetUntold(g);
            if (g.alerts.isEmpty() && g.told.isEmpty()) {
                it.remove();
                continue;
            }
            if (now < g.retryAt) {
                continue;
            }
            Notice n = plan(g, now);
            if (n != null) {
                g.inFlight = true;
                out.add(new Send(spec, n));
            }
        }
        return out;
    }

    /** Resolved alerts it was never told of (or will not be: send-resolved off) leave the group. */
    private void forgetUntold(Group g) {
        for (Iterator<Alert> it = g.alerts.values().iterator(); it.hasNext(); ) {
            Alert a = it.next();
            if (!a.state().open() && (!g.told.contains(a.id()) || !spec.sendResolved())) {
                g.told.remove(a.id());
                it.remove();
            }
        }
    }

    private Notice plan(Group g, long now) {
        List<Notice.Item> firing = new ArrayList<>();
        List<Notice.Item> resolved = new ArrayList<>();
        boolean news = false;
        boolean unacknowledged = false;
        for (Alert a : g.alerts.values()) {
            if (notifiable(a)) {
                firing.add(new Notice.Item(a, true));
                news |= !g.told.contains(a.id());
                unacknowledged |= !a.acknowledged();
            } else if (!a.state().open()) {
                resolved.add(new Notice.Item(a, false));
                news = true;
            } else if (keepsAlive() && g.told.contains(a.id())) {
                firing.add(new Notice.Item(a, true)); // held, but Alertmanager must not time it out
            }
        }
        boolean due;
        if (g.lastSentAt < 0) {
            due = news && now >= g.createdAt + spec.groupWait().toMillis();
        } else if (news) {
            due = now >= g.lastSentAt + spec.groupInterval().toMillis();
        } else {
            due = !firing.isEmpty() && (unacknowledged || keepsAlive())
                    && now >= g.lastSentAt + spec.repeatInterval().toMillis();
        }
        if (!due) {
            return null;
        }
        List<Notice.Item> items = new ArrayList<>(firing);
        items.addAll(resolved);
        return new Notice(spec.name(), g.stream, items, Instant.ofEpochMilli(now), false);
    }

    /** Alertmanager forgets alerts it does not hear of again: repeats keep them, acknowledged or held. */
    private boolean keepsAlive() {
        return spec.type() == ChannelType.ALERTMANAGER;
    }

    /** What a delivery did; on success the group knows what the channel was told. */
    void delivered(Notice n, boolean ok, boolean retryable, long now) {
        Group g = groups.get(n.stream());
        if (g == null) {
            return;
        }
        g.inFlight = false;
        if (!ok) {
            g.failures++;
            // Sending the same again cannot help a refusal (a 4xx): try again a group interval later.
            g.retryAt = now + (retryable ? backoff(g.failures) : Math.max(FIRST_RETRY_MILLIS,
                    spec.groupInterval().toMillis()));
            return;
        }
        g.failures = 0;
        g.retryAt = 0;
        g.lastSentAt = now;
        for (Notice.Item item : n.items()) {
            long id = item.alert().id();
            if (item.firing()) {
                g.told.add(id);
            } else {
                g.told.remove(id);
                g.alerts.remove(id);
            }
        }
    }

    /** 1 s, 2 s, 4 s, ... and never more than a group interval (nor less than a second) apart. */
    private long backoff(int failures) {
        long cap = Math.max(FIRST_RETRY_MILLIS, spec.groupInterval().toMillis());
        return Math.min(cap, FIRST_RETRY_MILLIS << Math.min(30, failures - 1));
    }

    /** Open, firing (or no data), neither silenced nor flapping. */
    static boolean notifiable(Alert a) {
        return (a.state() == AlertState.FIRING || a.state() == AlertState.NODATA) && !a.silenced() && !a.flapping();
    }

    /** Groups with a delivery in flight, for tests and the load tool. */
    int inFlight() {
        return (int) groups.values().stream().filter(g -> g.inFlight).count();
    }

    int groups() {
        return groups.size();
    }
}
