package dev.zscope.alert;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.zscope.MutableClock;
import dev.zscope.engine.Anomaly;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The alert evaluator as the application builds it, on a simulated clock and a migrated H2
 * database in a test folder, with deliveries run on the evaluator's own thread (so a round's
 * outcomes are known at the next), for lifecycle tests. {@link #restart()} builds a new evaluator
 * over the same database and data folder, as a restart of the server would.
 */
final class AlertRig implements AutoCloseable {

    /** This JVM's own PostgreSQL schema for alert tests, so that no other data is touched. */
    static final String POSTGRES_SCHEMA = "zscope_alert_test_" + ProcessHandle.current().pid();

    final MutableClock clock;
    final Path dir;
    final AlertProperties properties;
    final HikariDataSource dataSource;
    final JdbcTemplate jdbc;
    final AlertTable table;
    final SilenceTable silences;
    final TriageTable triage;
    final Muting muting = new Muting();
    final Map<String, Long> lastSeen = new HashMap<>();
    private final JavaMailSender mail;
    Channels channels;
    RuleBook rules;
    AlertEvaluator evaluator;

    AlertRig(Path dir, AlertProperties properties, JavaMailSender mail) {
        this(dir, properties, mail, Instant.parse("2026-12-07T10:00:00Z"));
    }

    /** @param start where the simulated clock starts (a test against a real server starts it at the real time) */
    AlertRig(Path dir, AlertProperties properties, JavaMailSender mail, Instant start) {
        this(dir, properties, mail, start, null);
    }

    /**
     * @param postgresUrl a PostgreSQL JDBC URL (user and password in it): the rig then works in
     *                    {@link #POSTGRES_SCHEMA}, emptied and migrated afresh; null for H2 in {@code dir}
     */
    AlertRig(Path dir, AlertProperties properties, JavaMailSender mail, Instant start, String postgresUrl) {
        this.clock = new MutableClock(start);
        this.dir = dir;
        this.properties = properties;
        this.mail = mail;
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(4);
        if (postgresUrl == null) {
            config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
            config.setUsername("sa");
            config.setPassword("");
            dataSource = new HikariDataSource(config);
            Flyway.configure().dataSource(dataSource).load().migrate();
        } else {
            config.setJdbcUrl(postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema="
                    + POSTGRES_SCHEMA);
            dataSource = new HikariDataSource(config);
            Flyway flyway = Flyway.configure().dataSource(dataSource).schemas(POSTGRES_SCHEMA).cleanDisabled(false)
                    .load();
            flyway.clean();
            flyway.migrate();
        }
        jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        table = new AlertTable(jdbc, tx);
        silences = new SilenceTable(jdbc);
        triage = new TriageTable(jdbc);
        build();
    }

    private void build() {
        channels = new Channels(properties, new Links("http://zscope.test"), mail, "zscope@test", HttpChannel.client());
        rules = new RuleBook(properties, triage.rules());
        evaluator = new AlertEvaluator(clock, properties, table, channels, muting, rules, () -> Map.copyOf(lastSeen),
                Runnable::run);
    }

    /** A new evaluator over the same database and channels file, as after a restart. */
    void restart() {
        evaluator.close();
        build();
    }

    /** An anomaly of {@code stream} judged now. */
    void anomaly(String stream, double value) {
        anomaly(stream, value, 0.999);
    }

    /** An anomaly of {@code stream} with calibrated {@code severity}, judged now. */
    void anomaly(String stream, double value, double severity) {
        Anomaly a = new Anomaly(clock.instant(), stream, value, 9.5, severity, 10, 8, 12, 1, 9.5, 3, 100, "zscore");
        evaluator.intake().kept(List.of(a), clock.millis());
    }

    /** Rounds until nothing is in flight: deliveries done, their outcomes taken in. */
    void settle() {
        for (int i = 0; i < 10; i++) {
            evaluator.round();
            if (evaluator.inFlight() == 0 && evaluator.intake().isEmpty()) {
                evaluator.round();
                return;
            }
        }
        throw new AssertionError("deliveries still in flight after 10 rounds");
    }

    /**
     * Settles now, then moves the clock on in {@code step}s up to {@code total}, settling at each, as
     * the evaluator's thread would.
     */
    void run(Duration total, Duration step) {
        settle();
        for (Duration done = Duration.ZERO; done.compareTo(total) < 0; done = done.plus(step)) {
            clock.advance(step);
            settle();
        }
    }

    List<Alert> alerts() {
        return table.find(AlertFilter.all(), 0, 1000);
    }

    @Override
    public void close() {
        evaluator.close();
        dataSource.close();
    }

    static AlertProperties.ChannelConfig webhook(String url) {
        return new AlertProperties.ChannelConfig(ChannelType.WEBHOOK, url, null, null, null, null, null, null);
    }

    static AlertProperties.ChannelConfig slack(String url) {
        return new AlertProperties.ChannelConfig(ChannelType.SLACK, url, null, null, null, null, null, null);
    }

    static AlertProperties.ChannelConfig email(String to) {
        return new AlertProperties.ChannelConfig(ChannelType.EMAIL, null, List.of(to), "zscope@test", null, null, null,
                null);
    }

    static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
