package dev.zscope.engine;

import dev.zscope.detection.StreamHints;
import dev.zscope.detection.catalog.DetectorChoice;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stream registry in the {@code stream} and {@code stream_state} tables (Flyway, H2 and
 * PostgreSQL). A detector choice is stored as its name and its settings as {@code key=value} lines;
 * a detector state as the bytes {@link dev.zscope.detection.catalog.DetectorStates} wrote. A rename
 * or delete also moves or drops the stream's row of {@code anomaly_count}, the count its counters
 * start from after a restart (its logged anomalies keep the name they were found under).
 */
@Repository
@DependsOnDatabaseInitialization
class JdbcStreamStore implements StreamStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcStreamStore.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    JdbcStreamStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public List<Stored> loadAll() {
        List<Stored> out = new ArrayList<>();
        jdbc.query("SELECT name, archived, detector, detector_settings, created_at, points, last_point_at,"
                + " last_value, hint_min, hint_max, hint_period FROM stream ORDER BY created_at, name", rs -> {
                    String name = rs.getString(1);
                    Timestamp last = rs.getTimestamp(7);
                    double lastValue = rs.getDouble(8);
                    boolean noValue = rs.wasNull(); // right after reading the column it is about
                    out.add(new Stored(name, rs.getBoolean(2), choice(name, rs.getString(3), rs.getString(4)),
                            hints(name, rs.getObject(9, Double.class), rs.getObject(10, Double.class),
                                    rs.getObject(11, Long.class)),
                            rs.getTimestamp(5).getTime(), rs.getLong(6), last == null ? 0 : last.getTime(),
                            noValue ? Double.NaN : lastValue));
                });
        return out;
    }

    @Override
    public Map<String, byte[]> loadStates() {
        Map<String, byte[]> out = new HashMap<>();
        jdbc.query("SELECT name, state FROM stream_state", rs -> {
            out.put(rs.getString(1), rs.getBytes(2));
        });
        return out;
    }

    @Override
    public void insert(String name, long createdMillis) {
        jdbc.update("INSERT INTO stream (name, archived, created_at, points) VALUES (?, FALSE, ?, 0)", name,
                Timestamp.from(Instant.ofEpochMilli(createdMillis)));
    }

    @Override
    public void rename(String from, String to) {
        tx.executeWithoutResult(status -> {
            jdbc.update("UPDATE stream SET name = ? WHERE name = ?", to, from);
            jdbc.update("UPDATE stream_state SET name = ? WHERE name = ?", to, from);
            jdbc.update("DELETE FROM anomaly_count WHERE stream = ?", to);
            jdbc.update("UPDATE anomaly_count SET stream = ? WHERE stream = ?", to, from);
        });
    }

    @Override
    public void archive(String name, boolean archived) {
        jdbc.update("UPDATE stream SET archived = ? WHERE name = ?", archived, name);
    }

    @Override
    public void delete(String name) {
        tx.executeWithoutResult(status -> {
            jdbc.update("DELETE FROM stream_state WHERE name = ?", name);
            jdbc.update("DELETE FROM stream WHERE name = ?", name);
            jdbc.update("DELETE FROM anomaly_count WHERE stream = ?", name);
        });
    }

    @Override
    public void ownDetector(String name, DetectorChoice choice) {
        jdbc.update("UPDATE stream SET detector = ?, detector_settings = ? WHERE name = ?",
                choice == null ? null : choice.detector(), choice == null ? null : settingsText(choice), name);
    }

    @Override
    public void hints(String name, StreamHints hints) {
        jdbc.update("UPDATE stream SET hint_min = ?, hint_max = ?, hint_period = ? WHERE name = ?",
                Double.isFinite(hints.min()) ? hints.min() : null, Double.isFinite(hints.max()) ? hints.max() : null,
                hints.hasPeriod() ? hints.period() : null, name);
    }

    private static StreamHints hints(String stream, Double min, Double max, Long period) {
        try {
            return new StreamHints(min == null ? Double.NaN : min, max == null ? Double.NaN : max,
                    period == null ? 0 : period);
        } catch (IllegalArgumentException e) {
            log.warn("Stream '{}' had hints this version refuses ({}); it runs without them", stream,
                    e.getMessage());
            return StreamHints.none();
        }
    }

    @Override
    public void saveStates(List<Snapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> {
            for (Snapshot s : snapshots) {
                jdbc.update("UPDATE stream SET points = ?, last_point_at = ?, last_value = ? WHERE name = ?",
                        s.points(), s.lastPointMillis() == 0 ? null : Timestamp.from(Instant.ofEpochMilli(
                                s.lastPointMillis())), Double.isNaN(s.lastValue()) ? null : s.lastValue(), s.name());
                if (s.state() == null) {
                    jdbc.update("DELETE FROM stream_state WHERE name = ?", s.name());
                } else if (jdbc.update("UPDATE stream_state SET state = ?, saved_at = ? WHERE name = ?", s.state(),
                        Timestamp.from(Instant.now()), s.name()) == 0) {
                    jdbc.update("INSERT INTO stream_state (name, state, saved_at) VALUES (?, ?, ?)", s.name(),
                            s.state(), Timestamp.from(Instant.now()));
                }
            }
        });
    }

    private static String settingsText(DetectorChoice choice) {
        StringBuilder b = new StringBuilder();
        choice.settings().forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    private static DetectorChoice choice(String stream, String detector, String settings) {
        if (detector == null) {
            return null;
        }
        Map<String, String> values = new TreeMap<>();
        if (settings != null) {
            for (String line : settings.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        try {
            return new DetectorChoice(detector, values);
        } catch (IllegalArgumentException e) {
            log.warn("Stream '{}' had its own detector {} {}, which this version refuses ({}); it runs the default",
                    stream, detector, values, e.getMessage());
            return null;
        }
    }
}
