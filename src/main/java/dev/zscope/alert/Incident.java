package dev.zscope.alert;

import java.time.Instant;

/**
 * The mutable working copy of an open alert, owned by the alert evaluator's thread
 * ({@link AlertBook}); everyone else sees its {@link #snapshot()}.
 */
final class Incident {

    final long id;
    final String stream;
    final AlertKind kind;
    AlertState state;
    final long startsAt;
    long firedAt;
    long endsAt;
    long lastAnomalyAt;
    long anomalies;
    double lastSeverity = Double.NaN;
    String detector;
    String severityLabel;
    Alert.Facts last;
    java.time.Instant firstPointAt;
    Alert.Acknowledgement acknowledgement;
    String silencedBy;
    boolean flapping;
    String resolution;

    Incident(long id, String stream, AlertKind kind, AlertState state, long startsAt) {
        this.id = id;
        this.stream = stream;
        this.kind = kind;
        this.state = state;
        this.startsAt = startsAt;
    }

    /** An alert as it was stored, to go on with after a restart. */
    static Incident of(Alert a) {
        Incident i = new Incident(a.id(), a.stream(), a.kind(), a.state(), a.startsAt().toEpochMilli());
        i.firedAt = millis(a.firedAt());
        i.endsAt = millis(a.endsAt());
        i.lastAnomalyAt = millis(a.lastAnomalyAt());
        i.anomalies = a.anomalies();
        i.lastSeverity = a.lastSeverity();
        i.detector = a.detector();
        i.severityLabel = a.severityLabel();
        i.last = a.last();
        i.firstPointAt = a.firstPointAt();
        i.acknowledgement = a.acknowledgement();
        i.silencedBy = a.silencedBy();
        i.flapping = a.flapping();
        i.resolution = a.resolution();
        return i;
    }

    Alert snapshot() {
        return new Alert(id, stream, kind, state, Instant.ofEpochMilli(startsAt), instant(firedAt), instant(endsAt),
                instant(lastAnomalyAt), anomalies, lastSeverity, detector, severityLabel, last, firstPointAt, acknowledgement,
                silencedBy, flapping, resolution);
    }

    private static Instant instant(long millis) {
        return millis == 0 ? null : Instant.ofEpochMilli(millis);
    }

    private static long millis(Instant t) {
        return t == null ? 0 : t.toEpochMilli();
    }
}
