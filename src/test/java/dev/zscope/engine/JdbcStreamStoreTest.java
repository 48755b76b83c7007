package dev.zscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.zscope.detection.StreamHints;
import dev.zscope.detection.catalog.DetectorChoice;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The stream registry in the database: what an engine keeps across a real restart. */
class JdbcStreamStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private HikariDataSource data;
    private JdbcStreamStore store;

    @BeforeEach
    void open() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("zscope").toAbsolutePath());
        config.setUsername("sa");
        data = new HikariDataSource(config);
        Flyway.configure().dataSource(data).load().migrate();
        store = new JdbcStreamStore(new JdbcTemplate(data), new TransactionTemplate(new JdbcTransactionManager(data)));
    }

    @AfterEach
    void close() {
        data.close();
    }

    @Test
    void keepsEveryStreamWithItsOwnDetectorHintsCountersAndState() {
        store.insert("api.cpu:p99", 1_000);
        store.insert("idle", 2_000);
        store.insert("old", 3_000);
        DetectorChoice own = new DetectorChoice("ewma", Map.of("span", "50"));
        store.ownDetector("api.cpu:p99", own);
        store.saveStates(List.of(new StreamStore.Snapshot("api.cpu:p99", new byte[] {1, 2, 3}, 42, 5_000, 7.5)));
        store.rename("api.cpu:p99", "cpu");
        store.archive("idle", true);
        store.hints("idle", new StreamHints(0, 100, 1_440));
        store.hints("cpu", new StreamHints(Double.NaN, 100, 0));
        store.hints("cpu", StreamHints.none());
        store.delete("old");

        assertThat(store.loadAll()).containsExactly(
                new StreamStore.Stored("cpu", false, own, StreamHints.none(), 1_000, 42, 5_000, 7.5),
                new StreamStore.Stored("idle", true, null, new StreamHints(0, 100, 1_440), 2_000, 0, 0, Double.NaN));
        assertThat(store.loadStates()).containsOnlyKeys("cpu");
        assertThat(store.loadStates().get("cpu")).containsExactly(1, 2, 3);

        store.saveStates(List.of(new StreamStore.Snapshot("cpu", null, 43, 6_000, 8)));
        assertThat(store.loadStates()).isEmpty();
    }

    /** A real restart: an engine over the database goes on judging where the last one stopped. */
    @Test
    void anEngineRestartedOnTheDatabaseKeepsItsApiStreamsAndTheirState() {
        DetectorChoice zscore = new DetectorChoice("zscore", Map.of());
        DetectionEngine first = new DetectionEngine(EngineProperties.defaults(), AnomalySink.DISCARD, store, CLOCK);
        first.applyDetector(zscore);
        for (int i = 0; i < 200; i++) {
            first.process("api", i, i % 2, false);
        }
        first.process("quiet", 0, 1, false);
        first.destroy();

        DetectionEngine second = new DetectionEngine(EngineProperties.defaults(), AnomalySink.DISCARD, store, CLOCK);
        second.applyDetector(zscore);
        assertThat(second.statuses()).extracting(StreamStatus::stream).containsExactly("api", "quiet");
        assertThat(second.status("api").learning()).isFalse();
        assertThat(second.status("api").points()).isEqualTo(200);
        assertThat(second.process("api", 200, 0.5, false).expected()).isEqualTo(0.5);
        second.destroy();
    }
}
