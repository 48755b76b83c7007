package dev.zscope.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code alert} and {@code alert_notification} tables: every statement about alerts in one
 * place. Writes of one evaluator round go in one transaction.
 */
final class AlertTable {

    private static final String COLUMNS = "id, stream, kind, state, starts_at, fired_at, ends_at, last_anomaly_at,"
            + " anomalies, last_severity, detector, severity_label, last_point_at, last_value, last_expected,"
            + " last_lower, last_upper, last_score, last_threshold, first_point_at, acknowledged_by, acknowledged_at, ack_note,"
            + " silenced_by, flapping, resolution";
    private static final String INSERT = "INSERT INTO alert (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE alert SET stream = ?, kind = ?, state = ?, starts_at = ?,"
            + " fired_at = ?, ends_at = ?, last_anomaly_at = ?, anomalies = ?, last_severity = ?, detector = ?,"
            + " severity_label = ?, last_point_at = ?, last_value = ?, last_expected = ?, last_lower = ?,"
            + " last_upper = ?, last_score = ?, last_threshold = ?, first_point_at = ?, acknowledged_by = ?, acknowledged_at = ?,"
            + " ack_note = ?, silenced_by = ?, flapping = ?, resolution = ? WHERE id = ?";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    AlertTable(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    long maxId() {
        Long max = jdbc.queryForObject("SELECT MAX(id) FROM alert", Long.class);
        return max == null ? 0 : max;
    }

    /**
     * Stores the alerts as they are now and the notification attempts, in one transaction. A pending
     * alert that resolved without firing was no incident: it is deleted.
     */
    void save(List<Alert> alerts, List<Notification> notifications) {
        if (alerts.isEmpty() && notifications.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> {
            for (Alert a : alerts) {
                if (a.state() == AlertState.RESOLVED && a.firedAt() == null) {
                    jdbc.update("DELETE FROM alert WHERE id = ?", a.id());
                } else if (jdbc.update(UPDATE, values(a, false)) == 0) {
                    jdbc.update(INSERT, values(a, true));
                }
            }
            if (!notifications.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO alert_notification (alert_id, channel, status, sent_at, outcome, detail)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", notifications.stream().map(n -> new Object[] {n.alertId(),
                        n.channel(), n.status(), ts(n.at()), n.outcome(), n.detail()}).toList());
            }
        });
    }

    private static Object[] values(Alert a, boolean insert) {
        Alert.Facts f = a.last();
        Alert.Acknowledgement ack = a.acknowledgement();
        Object[] v = {a.stream(), a.kind().name(), a.state().name(), ts(a.startsAt()), ts(a.firedAt()),
                ts(a.endsAt()), ts(a.lastAnomalyAt()), a.anomalies(), a.lastSeverity(), a.detector(),
                a.severityLabel(), f == null ? null : ts(f.time()), f == null ? null : f.value(),
                f == null ? null : f.expected(), f == null ? null : f.lower(), f == null ? null : f.upper(),
                f == null ? null : f.score(), f == null ? null : f.threshold(), ts(a.firstPointAt()),
                ack == null ? null : ack.by(),
                ack == null ? null : ts(ack.at()), ack == null ? null : ack.comment(), a.silencedBy(),
                a.flapping(), a.resolution()};
        Object[] out = new Object[v.length + 1];
        if (insert) {
            out[0] = a.id();
            System.arraycopy(v, 0, out, 1, v.length);
        } else {
            System.arraycopy(v, 0, out, 0, v.length);
            out[v.length] = a.id();
        }
        return out;
    }

    /** Every alert not resolved. */
    List<Alert> open() {
        return jdbc.query("SELECT " + COLUMNS + " FROM alert WHERE state <> 'RESOLVED' ORDER BY id",
                (rs, i) -> alert(rs));
    }

    Optional<Alert> get(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM alert WHERE id = ?", (rs, i) -> alert(rs), id)
                .stream().findFirst();
    }

    List<Alert> find(AlertFilter f, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(f, args);
        args.add(limit);
        args.add(offset);
        return jdbc.query("SELECT " + COLUMNS + " FROM alert" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                (rs, i) -> alert(rs), args.toArray());
    }

    int count(AlertFilter f) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM alert" + where(f, args), Long.class, args.toArray());
        return n == null ? 0 : (int) Math.min(Integer.MAX_VALUE, n);
    }

    private static String where(AlertFilter f, List<Object> args) {
        List<String> parts = new ArrayList<>();
        if (f.stream() != null) {
            parts.add("stream = ?");
            args.add(f.stream());
        }
        if (!f.states().isEmpty()) {
            parts.add("state IN (" + String.join(", ", f.states().stream().map(s -> "?").toList()) + ")");
            f.states().stream().sorted().forEach(s -> args.add(s.name()));
        }
        return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    /** The newest {@code limit} delivery attempts about an alert, newest first. */
    List<Notification> notifications(long alertId, int limit) {
        return jdbc.query("SELECT alert_id, channel, status, sent_at, outcome, detail FROM alert_notification"
                        + " WHERE alert_id = ? ORDER BY id DESC LIMIT ?",
                (rs, i) -> new Notification(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6) == null ? "" : rs.getString(6)),
                alertId, limit);
    }

    /** A channel was told an alert fires, and has not been told it resolved: restored after a restart. */
    record Told(long alertId, String channel, Instant sentAt) {
    }

    /**
     * Per alert and channel, the last delivery that went through, where it said firing: of open
     * alerts and of those resolved after {@code resolvedSince} (their resolution may be untold).
     */
    List<Told> told(Instant resolvedSince) {
        return jdbc.query("SELECT n.alert_id, n.channel, n.sent_at FROM alert_notification n WHERE n.outcome = 'sent'"
                + " AND n.status = 'firing' AND n.alert_id IN (SELECT id FROM alert WHERE state <> 'RESOLVED'"
                + " OR ends_at >= ?) AND n.id = (SELECT MAX(m.id) FROM alert_notification m"
                + " WHERE m.alert_id = n.alert_id AND m.channel = n.channel AND m.outcome = 'sent')",
                (rs, i) -> new Told(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()),
                ts(resolvedSince));
    }

    /** Forgets resolved alerts that ended before {@code before}, with their notifications; returns how many. */
    int prune(Instant before) {
        Integer n = tx.execute(status -> {
            jdbc.update("DELETE FROM alert_notification WHERE alert_id IN (SELECT id FROM alert"
                    + " WHERE state = 'RESOLVED' AND ends_at < ?)", ts(before));
            return jdbc.update("DELETE FROM alert WHERE state = 'RESOLVED' AND ends_at < ?", ts(before));
        });
        return n == null ? 0 : n;
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        Instant pointAt = instant(rs, 13);
        Alert.Facts facts = pointAt == null ? null : new Alert.Facts(pointAt, dbl(rs, 14), dbl(rs, 15), dbl(rs, 16),
                dbl(rs, 17), dbl(rs, 18), dbl(rs, 19));
        String ackBy = rs.getString(21);
        Alert.Acknowledgement ack = ackBy == null ? null
                : new Alert.Acknowledgement(ackBy, instant(rs, 22), rs.getString(23) == null ? "" : rs.getString(23));
        return new Alert(rs.getLong(1), rs.getString(2), AlertKind.valueOf(rs.getString(3)),
                AlertState.valueOf(rs.getString(4)), instant(rs, 5), instant(rs, 6), instant(rs, 7), instant(rs, 8),
                rs.getLong(9), dbl(rs, 10), rs.getString(11), rs.getString(12), facts, instant(rs, 20), ack,
                rs.getString(24), rs.getBoolean(25), rs.getString(26));
    }

    private static double dbl(ResultSet rs, int column) throws SQLException {
        double d = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : d;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Timestamp ts(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }
}
