package dev.zscope.alert;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code anomaly_label} and {@code alert_rule} tables. */
final class TriageTable {

    private final JdbcTemplate jdbc;

    TriageTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Sets the label of an anomaly, replacing an earlier one. */
    void label(Label l) {
        Object[] values = {l.triage().name(), l.comment(), l.by(), Timestamp.from(l.at()), l.score(), l.severity(),
                l.threshold(), l.detector(), l.stream(), Timestamp.from(l.observedAt())};
        if (jdbc.update("UPDATE anomaly_label SET triage = ?, note = ?, labelled_by = ?, labelled_at = ?, score = ?,"
                + " severity = ?, threshold = ?, detector = ? WHERE stream = ? AND observed_at = ?", values) == 0) {
            jdbc.update("INSERT INTO anomaly_label (triage, note, labelled_by, labelled_at, score, severity, threshold,"
                    + " detector, stream, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
        }
    }

    /** The newest {@code limit} labels of a stream, newest anomaly first. */
    List<Label> labels(String stream, int limit) {
        return jdbc.query("SELECT stream, observed_at, triage, note, labelled_by, labelled_at, score, severity,"
                + " threshold, detector FROM anomaly_label WHERE stream = ? ORDER BY observed_at DESC LIMIT ?",
                (rs, i) -> new Label(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        Triage.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9),
                        rs.getString(10)), stream, limit);
    }

    /** Labels of a stream's anomalies between {@code from} (inclusive) and {@code to} (inclusive), by point time. */
    Map<Instant, Triage> labels(String stream, Instant from, Instant to) {
        Map<Instant, Triage> out = new HashMap<>();
        jdbc.query("SELECT observed_at, triage FROM anomaly_label WHERE stream = ? AND observed_at >= ?"
                + " AND observed_at <= ?", rs -> {
                    out.put(rs.getTimestamp(1).toInstant(), Triage.valueOf(rs.getString(2)));
                }, stream, Timestamp.from(from), Timestamp.from(to));
        return out;
    }

    /** The rules made in the UI, by stream. */
    Map<String, AlertProperties.RuleConfig> rules() {
        Map<String, AlertProperties.RuleConfig> out = new HashMap<>();
        jdbc.query("SELECT stream, pending, pending_window_ms, keep_firing_for_ms, min_severity, nodata, nodata_after_ms"
                + " FROM alert_rule", rs -> {
                    out.put(rs.getString(1), new AlertProperties.RuleConfig((Integer) rs.getObject(2),
                            millis(rs.getObject(3)), millis(rs.getObject(4)),
                            rs.getObject(5) == null ? null : rs.getDouble(5), (Boolean) rs.getObject(6),
                            millis(rs.getObject(7))));
                });
        return out;
    }

    /** Stores a stream's own rule, or with null removes it. */
    void rule(String stream, AlertProperties.RuleConfig r) {
        jdbc.update("DELETE FROM alert_rule WHERE stream = ?", stream);
        if (r != null) {
            jdbc.update("INSERT INTO alert_rule (stream, pending, pending_window_ms, keep_firing_for_ms, min_severity,"
                    + " nodata, nodata_after_ms) VALUES (?, ?, ?, ?, ?, ?, ?)", stream, r.pending(),
                    ms(r.pendingWindow()), ms(r.keepFiringFor()), r.minSeverity(), r.nodata(), ms(r.nodataAfter()));
        }
    }

    private static Duration millis(Object value) {
        return value == null ? null : Duration.ofMillis(((Number) value).longValue());
    }

    private static Long ms(Duration d) {
        return d == null ? null : d.toMillis();
    }
}
