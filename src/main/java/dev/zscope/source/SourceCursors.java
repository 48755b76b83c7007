package dev.zscope.source;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where each polling source has read up to (table {@code source_cursor}), so that after a restart
 * or a failed poll it goes on from exactly there. A mark is tied to the definition's fingerprint
 * and ignored when that changed.
 */
@Component
@DependsOnDatabaseInitialization
public class SourceCursors {

    private final JdbcTemplate jdbc;

    public SourceCursors(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The mark of {@code source}, if it has one for this {@code fingerprint}. */
    public Optional<Instant> load(String source, String fingerprint) {
        List<OffsetDateTime> found = jdbc.query("SELECT polled_to FROM source_cursor WHERE source = ? AND fingerprint = ?",
                (rs, n) -> rs.getObject(1, OffsetDateTime.class), source, fingerprint);
        return found.stream().findFirst().map(OffsetDateTime::toInstant);
    }

    public void save(String source, String fingerprint, Instant polledTo) {
        OffsetDateTime at = OffsetDateTime.ofInstant(polledTo, ZoneOffset.UTC);
        if (jdbc.update("UPDATE source_cursor SET fingerprint = ?, polled_to = ? WHERE source = ?", fingerprint, at,
                source) == 0) {
            jdbc.update("INSERT INTO source_cursor (source, fingerprint, polled_to) VALUES (?, ?, ?)", source,
                    fingerprint, at);
        }
    }

    public void delete(String source) {
        jdbc.update("DELETE FROM source_cursor WHERE source = ?", source);
    }
}
