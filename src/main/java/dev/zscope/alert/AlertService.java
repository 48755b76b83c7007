package dev.zscope.alert;

import dev.zscope.anomaly.AnomalyQuery;
import dev.zscope.anomaly.AnomalyService;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.Anomaly;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Alerts as people use them: the list and each alert's notifications, acknowledging, triage labels
 * (with each stream's precision and a threshold suggestion), and per-stream rules. Acknowledging
 * and labelling take an OPERATOR (or ADMIN), changing a rule an ADMIN, whoever calls.
 */
@Service
public class AlertService {

    private static final Logger log = LoggerFactory.getLogger(AlertService.class);

    /** The most anomalies one alert's label is applied to, and listed for it. */
    public static final int MAX_ANOMALIES_PER_ALERT = 1000;
    /** Labels a stream's precision is computed from: its newest. */
    static final int PRECISION_LABELS = 5000;

    private final AlertRuntime runtime;
    private final AnomalyService anomalies;

    AlertService(AlertRuntime runtime, AnomalyService anomalies) {
        this.runtime = runtime;
        this.anomalies = anomalies;
    }

    /** A page of alerts matching {@code filter}, newest first. */
    public List<Alert> find(AlertFilter filter, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        return limit == 0 ? List.of() : runtime.alerts.find(filter, offset, Math.min(limit, 1000));
    }

    public int count(AlertFilter filter) {
        return runtime.alerts.count(filter);
    }

    public Optional<Alert> get(long id) {
        return runtime.evaluator.openAlerts().stream().filter(a -> a.id() == id).findFirst()
                .or(() -> runtime.alerts.get(id));
    }

    /** Open alerts (pending, firing, nodata), newest first; from memory, cheap. */
    public List<Alert> open() {
        return runtime.evaluator.openAlerts().stream().sorted(Comparator.comparingLong(Alert::id).reversed()).toList();
    }

    /** The stream's open alert (its anomaly alert before its nodata one), if any. */
    public Optional<Alert> openFor(String stream) {
        return runtime.evaluator.openAlerts().stream().filter(a -> a.stream().equals(stream))
                .min(Comparator.comparing(Alert::kind));
    }

    /** How many alerts fire (or report no data) now. */
    public int firingCount() {
        return runtime.evaluator.firing();
    }

    /** Grows whenever an alert or a notification changes, so views refresh only then. */
    public long version() {
        return runtime.evaluator.version();
    }

    /** The newest delivery attempts about an alert (at most 200), newest first. */
    public List<Notification> notifications(long alertId) {
        return runtime.alerts.notifications(alertId, 200);
    }

    /** Stops repeats of an open alert until it resolves. */
    @PreAuthorize("hasRole('OPERATOR')")
    public Alert acknowledge(long id, String comment) {
        String by = Actor.name();
        String note = comment == null ? "" : comment.strip();
        if (note.length() > 1000) {
            throw new IllegalArgumentException("a comment has at most 1,000 characters");
        }
        Alert a = runtime.evaluator.command(() -> runtime.evaluator.book().acknowledge(id, by, note,
                runtime.evaluator.now()));
        log.info("Alert {} on {} acknowledged by {}", id, a.stream(), by);
        return a;
    }

    /** The anomalies an alert holds (its stream's, from its first to its last), oldest first, at most 1,000. */
    public List<Anomaly> anomalies(Alert a) {
        if (a.firstPointAt() == null || a.last() == null) {
            return List.of();
        }
        AnomalyQuery q = AnomalyQuery.all().withStream(a.stream())
                .withTimeRange(a.firstPointAt(), a.last().time().plusMillis(1))
                .sortedBy(AnomalyQuery.SortField.TIME, AnomalyQuery.Direction.ASCENDING);
        return anomalies.find(q, 0, MAX_ANOMALIES_PER_ALERT);
    }

    /** The labels of a stream's anomalies observed between {@code from} and {@code to}, by point time. */
    public Map<Instant, Triage> labels(String stream, Instant from, Instant to) {
        return runtime.triage.labels(stream, from, to);
    }

    /**
     * Labels an anomaly. {@link Triage#EXPECTED} also resolves the stream's alert and re-baselines
     * its detector on the new level.
     */
    @PreAuthorize("hasRole('OPERATOR')")
    public void label(Anomaly anomaly, Triage triage, String comment) {
        label(List.of(anomaly), triage, comment);
    }

    /** Labels every anomaly of an alert (at most 1,000) the same way. */
    @PreAuthorize("hasRole('OPERATOR')")
    public int labelAlert(long alertId, Triage triage, String comment) {
        Alert a = get(alertId).orElseThrow(() -> new IllegalArgumentException("there is no alert " + alertId));
        List<Anomaly> held = anomalies(a);
        label(held, triage, comment);
        return held.size();
    }

    private void label(List<Anomaly> list, Triage triage, String comment) {
        String by = Actor.name();
        String note = comment == null ? "" : comment.strip();
        if (note.length() > 1000) {
            throw new IllegalArgumentException("a comment has at most 1,000 characters");
        }
        Instant now = Instant.ofEpochMilli(runtime.evaluator.now());
        for (Anomaly a : list) {
            runtime.triage.label(new Label(a.stream(), a.time(), triage, note, by, now, a.score(), Severities.of(a),
                    a.threshold(), a.detector()));
        }
        runtime.evaluator.touch();
        if (triage == Triage.EXPECTED && !list.isEmpty()) {
            String stream = list.getFirst().stream();
            runtime.evaluator.command(() -> runtime.evaluator.book().resolve(stream, runtime.evaluator.now(),
                    "labelled expected (new normal) by " + by));
            if (runtime.engine.exists(stream)) {
                runtime.engine.rebaseline(stream);
            }
            log.info("{} labelled {} anomalies of {} expected: alert resolved, detector re-baselined", by, list.size(),
                    stream);
        }
    }

    /** What the stream's labels say, with a threshold suggestion for the detector it runs. */
    public Precision precision(String stream) {
        DetectorChoice current = runtime.engine.exists(stream) ? runtime.engine.detectorChoice(stream) : null;
        return Precision.of(stream, runtime.triage.labels(stream, PRECISION_LABELS), current);
    }

    /** The newest labels of a stream (at most {@code limit}, at most 1,000). */
    public List<Label> recentLabels(String stream, int limit) {
        return runtime.triage.labels(stream, Math.max(0, Math.min(limit, 1000)));
    }

    /** The rule a stream runs. */
    public AlertRule rule(String stream) {
        return runtime.rules.of(stream);
    }

    /** The rule of streams without one of their own. */
    public AlertRule defaultRule() {
        return runtime.rules.defaults();
    }

    /** Whether the stream's rule is the default, from configuration, or set in the UI. */
    public String ruleOrigin(String stream) {
        return switch (runtime.rules.origin(stream)) {
            case DEFAULT -> "default";
            case CONFIGURED -> "configuration";
            case UI -> "this stream's own";
        };
    }

    /** The stream's own rule as set in the UI (unset fields inherit), or null. */
    public AlertProperties.RuleConfig ownRule(String stream) {
        return runtime.rules.uiConfig(stream);
    }

    /** Gives a stream a rule of its own (null: back to the default); applies at once and is kept. */
    @PreAuthorize("hasRole('ADMIN')")
    public void setRule(String stream, AlertProperties.RuleConfig rule) {
        if (rule != null) {
            rule.over(runtime.rules.defaults()); // validates before anything is stored
        }
        runtime.triage.rule(stream, rule);
        runtime.rules.put(stream, rule);
        log.info("{} set the alert rule of {} to {}", Actor.name(), stream,
                rule == null ? "the default" : runtime.rules.of(stream).describe());
    }
}
