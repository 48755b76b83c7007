package dev.zscope.alert;

import dev.zscope.engine.Anomaly;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The alert state machine of every stream: anomalies in, alerts out. Single-threaded (the alert
 * evaluator's thread) and driven by the server time it is given, so tests run it on a simulated
 * clock.
 *
 * <p>Per stream: anomalies open a pending alert, which fires once the rule's count is reached
 * within its window (a pending alert whose window passes is dropped: no incident); a firing alert
 * resolves after keep-firing-for without anomalies. A stream whose alert fired or went quiet
 * {@value FlapHistory#CHANGES} times within {@value FlapHistory#EVALUATIONS} evaluations is
 * flapping: going quiet then does not resolve it, the alert stays open, flagged, until the changes
 * fall below that; then it takes its real state. No-data alerts are separate alerts of the same
 * stream ({@link AlertKind#NODATA}).
 */
final class AlertBook {

    /** The rule in force for a stream. */
    interface Rules {
        AlertRule of(String stream);
    }

    /** What mutes a stream's alerts now (a silence, a maintenance window), or null. */
    interface Mutes {
        String silencedBy(String stream, AlertKind kind, long now);
    }

    private final Map<String, Track> tracks = new HashMap<>();
    private final Map<Long, Incident> open = new HashMap<>();
    private final Map<Long, Incident> changed = new LinkedHashMap<>();
    private final Rules rules;
    private final Mutes mutes;
    private final LongSupplier ids;
    private final long evaluationMillis;

    /** @param evaluation the length of one flapping evaluation (the group interval) */
    AlertBook(Rules rules, Mutes mutes, LongSupplier ids, Duration evaluation) {
        this.rules = rules;
        this.mutes = mutes;
        this.ids = ids;
        this.evaluationMillis = evaluation.toMillis();
    }

    /** One stream's alerting state. */
    private final class Track {
        final String stream;
        Incident anomaly;
        Incident nodata;
        final Recent recent = new Recent();
        final FlapHistory flaps = new FlapHistory(evaluationMillis);
        /** Whether the anomaly condition holds (fired, not yet quiet), whatever flapping shows. */
        boolean active;
        /** Quiet time counts from here at the earliest (a restart: we did not watch while down). */
        long quietFrom;

        Track(String stream) {
            this.stream = stream;
        }

        boolean idle() {
            return anomaly == null && nodata == null && recent.size() == 0 && flaps.changes() == 0;
        }
    }

    /** Open alerts as they were stored, so a restart goes on where it stopped. */
    void restore(Collection<Alert> alerts, long now) {
        for (Alert a : alerts) {
            if (!a.state().open()) {
                continue;
            }
            Track t = track(a.stream());
            Incident i = Incident.of(a);
            open.put(i.id, i);
            if (a.kind() == AlertKind.NODATA) {
                t.nodata = i;
                continue;
            }
            t.anomaly = i;
            t.active = a.state() == AlertState.FIRING;
            t.quietFrom = now;
            if (a.flapping()) {
                t.flaps.seedFlapping(now);
            }
            AlertRule rule = rules.of(a.stream());
            for (long k = 0; k < Math.min(a.anomalies(), rule.pending() - 1L); k++) {
                t.recent.add(i.lastAnomalyAt, rule.pending());
            }
        }
    }

    /** Anomalies judged at server time {@code arrival.at()}. */
    void arrive(Arrival arrival) {
        AlertRule rule = rules.of(arrival.stream());
        Anomaly strongest = arrival.strongest();
        for (Anomaly a : arrival.anomalies()) {
            long weight = a == strongest ? 1 + arrival.extra() : 1;
            if (Severities.passes(Severities.of(a), rule.minSeverity())) {
                anomaly(arrival.stream(), arrival.at(), a, weight, rule);
            }
        }
    }

    private void anomaly(String stream, long at, Anomaly a, long weight, AlertRule rule) {
        Track t = track(stream);
        for (long k = 0; k < Math.min(weight, rule.pending()); k++) {
            t.recent.add(at, rule.pending());
        }
        double severity = Severities.of(a);
        Incident i = t.anomaly;
        if (i == null) {
            i = new Incident(ids.getAsLong(), stream, AlertKind.ANOMALY, AlertState.PENDING, at);
            i.detector = a.detector();
            i.firstPointAt = a.time();
            i.severityLabel = Alert.severityLabel(severity);
            i.silencedBy = mutes.silencedBy(stream, AlertKind.ANOMALY, at);
            t.anomaly = i;
            open.put(i.id, i);
        }
        i.anomalies += weight;
        i.lastAnomalyAt = at;
        i.lastSeverity = severity;
        i.last = new Alert.Facts(a.time(), a.value(), a.expected(), a.lower(), a.upper(), a.score(), a.threshold());
        if (i.state == AlertState.PENDING && t.recent.countSince(at - rule.pendingWindow().toMillis()) >= rule.pending()) {
            i.state = AlertState.FIRING;
            i.firedAt = at;
            becomeActive(t, i, at);
        } else if (i.state == AlertState.FIRING && !t.active) {
            becomeActive(t, i, at); // a flapping alert held open fires again
        }
        changed.put(i.id, i);
    }

    private void becomeActive(Track t, Incident i, long at) {
        t.active = true;
        t.flaps.change(at);
        i.flapping = t.flaps.flapping();
    }

    /** Runs the timers up to {@code now}: pending windows, keep-firing-for, flapping, silences. */
    void tick(long now) {
        for (Iterator<Track> it = tracks.values().iterator(); it.hasNext(); ) {
            Track t = it.next();
            t.flaps.roll(now);
            if (t.anomaly != null) {
                tickAnomaly(t, rules.of(t.stream), now);
            }
            for (Incident i : new Incident[] {t.anomaly, t.nodata}) {
                if (i != null) {
                    String muted = mutes.silencedBy(t.stream, i.kind, now);
                    if (!java.util.Objects.equals(muted, i.silencedBy)) {
                        i.silencedBy = muted;
                        changed.put(i.id, i);
                    }
                }
            }
            t.recent.dropBefore(now - rules.of(t.stream).pendingWindow().toMillis());
            if (t.idle()) {
                it.remove();
            }
        }
    }

    private void tickAnomaly(Track t, AlertRule rule, long now) {
        Incident i = t.anomaly;
        if (i.state == AlertState.PENDING) {
            if (now - i.lastAnomalyAt >= rule.pendingWindow().toMillis()) {
                close(t, i, now, "never fired: fewer than " + rule.pending() + " anomalies within "
                        + Durations.text(rule.pendingWindow()));
            }
            return;
        }
        long quietSince = Math.max(i.lastAnomalyAt, t.quietFrom);
        if (t.active && now - quietSince >= rule.keepFiringFor().toMillis()) {
            t.active = false;
            t.flaps.change(now);
        }
        boolean flapping = t.flaps.flapping();
        if (!t.active && !flapping) {
            close(t, i, now, "quiet for " + Durations.text(rule.keepFiringFor()));
        } else if (flapping != i.flapping) {
            i.flapping = flapping;
            changed.put(i.id, i);
        }
    }

    /**
     * Streams with their last point's server time, for no-data alerts: a stream whose rule asks for
     * them and that has had no point for its no-data time gets one; a point resolves it.
     */
    void activity(String stream, long lastSeen, long now) {
        AlertRule rule = rules.of(stream);
        Track t = tracks.get(stream);
        Incident i = t == null ? null : t.nodata;
        boolean stale = now - lastSeen >= rule.nodataAfter().toMillis();
        if (i == null && stale && rule.nodata()) {
            t = track(stream);
            i = new Incident(ids.getAsLong(), stream, AlertKind.NODATA, AlertState.NODATA, now);
            i.firedAt = now;
            i.lastAnomalyAt = lastSeen;
            i.severityLabel = "warning";
            i.silencedBy = mutes.silencedBy(stream, AlertKind.NODATA, now);
            t.nodata = i;
            open.put(i.id, i);
            changed.put(i.id, i);
        } else if (i != null && (!stale || !rule.nodata())) {
            close(t, i, now, stale ? "no-data alerts turned off" : "data came back");
        }
    }

    /** Resolves the stream's anomaly alert now (its anomalies were labelled expected). */
    Alert resolve(String stream, long now, String why) {
        Track t = tracks.get(stream);
        if (t == null || t.anomaly == null) {
            return null;
        }
        Incident i = t.anomaly;
        t.active = false;
        t.recent.clear();
        close(t, i, now, why);
        return i.snapshot();
    }

    /** Acknowledges an open alert: repeats stop until it resolves. */
    Alert acknowledge(long id, String by, String comment, long now) {
        Incident i = open.get(id);
        if (i == null) {
            throw new IllegalStateException("alert " + id + " is not open; only open alerts can be acknowledged");
        }
        i.acknowledgement = new Alert.Acknowledgement(by, java.time.Instant.ofEpochMilli(now), comment);
        changed.put(i.id, i);
        return i.snapshot();
    }

    private void close(Track t, Incident i, long now, String why) {
        i.state = AlertState.RESOLVED;
        i.endsAt = now;
        i.acknowledgement = null;
        i.flapping = false;
        i.resolution = why;
        if (t.anomaly == i) {
            t.anomaly = null;
        }
        if (t.nodata == i) {
            t.nodata = null;
        }
        open.remove(i.id);
        changed.put(i.id, i);
    }

    /** The alerts that changed since the last call, each once, as they are now. */
    List<Alert> drainChanged() {
        List<Alert> out = new ArrayList<>(changed.size());
        for (Incident i : changed.values()) {
            out.add(i.snapshot());
        }
        changed.clear();
        return out;
    }

    /** Every open alert, as it is now. */
    List<Alert> openAlerts() {
        return open.values().stream().map(Incident::snapshot).toList();
    }

    private Track track(String stream) {
        return tracks.computeIfAbsent(stream, Track::new);
    }

    /** The server times of a stream's last anomalies, at most as many as its pending rule asks for. */
    private static final class Recent {
        private final java.util.ArrayDeque<Long> times = new java.util.ArrayDeque<>();

        void add(long at, int keep) {
            times.addLast(at);
            while (times.size() > keep) {
                times.removeFirst();
            }
        }

        int countSince(long from) {
            int n = 0;
            for (long t : times) {
                if (t >= from) {
                    n++;
                }
            }
            return n;
        }

        void dropBefore(long from) {
            while (!times.isEmpty() && times.peekFirst() < from) {
                times.removeFirst();
            }
        }

        void clear() {
            times.clear();
        }

        int size() {
            return times.size();
        }
    }
}
