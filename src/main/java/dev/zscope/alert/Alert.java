package dev.zscope.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One incident on one stream, as the views, the API and the notifications see it: an immutable
 * snapshot, replaced whenever the alert changes.
 *
 * @param id              unique, increasing
 * @param stream          the stream's name
 * @param kind            anomalies or no data
 * @param state           pending, firing, resolved or nodata
 * @param startsAt        the first anomaly's verdict (server time)
 * @param firedAt         when it started firing; null while pending
 * @param endsAt          when it resolved; null while open
 * @param lastAnomalyAt   the last anomaly's verdict (server time); keep-firing-for counts from here
 * @param anomalies       how many anomalies it holds
 * @param lastSeverity    the calibrated severity (0..1) of the last anomaly
 * @param detector        the detector that found the first anomaly
 * @param severityLabel   {@code critical}, {@code warning} or {@code info}, fixed when it started, so
 *                        receivers that key alerts on their labels (Alertmanager) see one alert
 * @param last            the last anomaly's figures, or null (a nodata alert)
 * @param firstPointAt    the point time of its first anomaly, or null: with {@code last}'s time it
 *                        bounds the anomalies that belong to it
 * @param acknowledgement who acknowledged it, or null; cleared when it resolves
 * @param silencedBy      the silence or maintenance window that mutes it now, or null
 * @param flapping        changing state too often: kept open, notifications held until it settles
 * @param resolution      why it resolved ("quiet for 5m", "labelled expected by ann"), or null
 */
public record Alert(long id, String stream, AlertKind kind, AlertState state, Instant startsAt, Instant firedAt,
                    Instant endsAt, Instant lastAnomalyAt, long anomalies, double lastSeverity, String detector,
                    String severityLabel, Facts last, Instant firstPointAt, Acknowledgement acknowledgement,
                    String silencedBy,
                    boolean flapping, String resolution) {

    public Alert {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startsAt, "startsAt");
    }

    /** What the last anomaly showed: for the annotations of notifications and the Alerts view. */
    public record Facts(Instant time, double value, double expected, double lower, double upper, double score,
                        double threshold) {
    }

    /** Someone on call has seen it: repeats stop until it resolves. */
    public record Acknowledgement(String by, Instant at, String comment) {
    }

    public boolean acknowledged() {
        return acknowledgement != null;
    }

    public boolean silenced() {
        return silencedBy != null;
    }

    /** The flags that are set, as the API lists them: acknowledged, silenced, flapping. */
    public List<String> flags() {
        List<String> out = new ArrayList<>(3);
        if (acknowledged()) {
            out.add("acknowledged");
        }
        if (silenced()) {
            out.add("silenced");
        }
        if (flapping) {
            out.add("flapping");
        }
        return out;
    }

    /** The severity label for a calibrated severity: critical from 0.99, warning from 0.9, else info. */
    public static String severityLabel(double severity) {
        if (Double.isNaN(severity)) {
            return "warning";
        }
        return severity >= 0.99 ? "critical" : severity >= 0.9 ? "warning" : "info";
    }
}
