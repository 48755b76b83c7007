package dev.zscope.alert;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code alert_silence} and {@code maintenance_window} tables. */
final class SilenceTable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SILENCE = "SELECT id, matchers, starts_at, ends_at, created_by, note, updated_at"
            + " FROM alert_silence";

    private final JdbcTemplate jdbc;

    SilenceTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Silences that have not ended, and those that ended after {@code endedSince}, newest first. */
    List<Silence> silences(Instant endedSince, int limit) {
        return jdbc.query(SILENCE + " WHERE ends_at >= ? ORDER BY starts_at DESC, id LIMIT ?", (rs, i) -> new Silence(
                rs.getString(1), matchers(rs.getString(2)), rs.getTimestamp(3).toInstant(),
                rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()),
                Timestamp.from(endedSince), limit);
    }

    Optional<Silence> silence(String id) {
        return jdbc.query(SILENCE + " WHERE id = ?", (rs, i) -> new Silence(rs.getString(1),
                matchers(rs.getString(2)), rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(),
                rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()), id).stream().findFirst();
    }

    /** Inserts it, or replaces the one with its id. */
    void save(Silence s) {
        Object[] values = {JSON.writeValueAsString(s.matchers()), Timestamp.from(s.startsAt()),
                Timestamp.from(s.endsAt()), s.createdBy(), s.comment(), Timestamp.from(s.updatedAt()), s.id()};
        if (jdbc.update("UPDATE alert_silence SET matchers = ?, starts_at = ?, ends_at = ?, created_by = ?, note = ?,"
                + " updated_at = ? WHERE id = ?", values) == 0) {
            jdbc.update("INSERT INTO alert_silence (matchers, starts_at, ends_at, created_by, note, updated_at, id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", values);
        }
    }

    /** Silences that ended before {@code before} go. */
    void prune(Instant before) {
        jdbc.update("DELETE FROM alert_silence WHERE ends_at < ?", Timestamp.from(before));
    }

    private static List<SilenceMatcher> matchers(String json) {
        return JSON.readValue(json, new TypeReference<List<SilenceMatcher>>() { });
    }

    List<MaintenanceWindow> windows() {
        return jdbc.query("SELECT id, name, streams, days, start_time, end_time, time_zone, created_by"
                + " FROM maintenance_window ORDER BY id", (rs, i) -> new MaintenanceWindow(rs.getLong(1),
                rs.getString(2), rs.getString(3), days(rs.getString(4)), LocalTime.parse(rs.getString(5)),
                LocalTime.parse(rs.getString(6)), ZoneId.of(rs.getString(7)), rs.getString(8)));
    }

    void add(MaintenanceWindow w) {
        jdbc.update("INSERT INTO maintenance_window (name, streams, days, start_time, end_time, time_zone, created_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", w.name(), w.streams(), w.days().stream().sorted()
                .map(DayOfWeek::name).collect(Collectors.joining(",")), w.start().toString(), w.end().toString(),
                w.zone().getId(), w.createdBy());
    }

    boolean deleteWindow(long id) {
        return jdbc.update("DELETE FROM maintenance_window WHERE id = ?", id) > 0;
    }

    int windowCount() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM maintenance_window", Integer.class);
        return n == null ? 0 : n;
    }

    private static EnumSet<DayOfWeek> days(String text) {
        EnumSet<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        Arrays.stream(text.split(",")).filter(s -> !s.isBlank()).forEach(s -> out.add(DayOfWeek.valueOf(s.strip())));
        return out;
    }
}
