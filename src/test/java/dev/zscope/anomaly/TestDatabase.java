package dev.zscope.anomaly;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A migrated database for tests that run without Spring: H2 in a test's folder, or the PostgreSQL
 * named by {@value #POSTGRES_URL}, where everything happens in a schema of this test JVM's own
 * ({@code zscope_test_<pid>}), emptied first and dropped when the JVM ends, so that no other data
 * is ever touched and test runs on the same server (two checkouts, CI jobs) cannot disturb each
 * other.
 */
final class TestDatabase implements AutoCloseable {

    static final String POSTGRES_URL = "ZSCOPE_TEST_POSTGRES_URL";
    static final String POSTGRES_SCHEMA = "zscope_test_" + ProcessHandle.current().pid();
    private static final java.util.concurrent.atomic.AtomicBoolean DROP_AT_EXIT =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final HikariDataSource dataSource;
    private final Flyway flyway;

    private TestDatabase(HikariDataSource dataSource, Flyway flyway) {
        this.dataSource = dataSource;
        this.flyway = flyway;
    }

    /** The embedded H2 database in {@code dir}, as the application opens it, migrated. */
    static TestDatabase h2(Path dir) {
        return h2(dir, "");
    }

    /** {@link #h2(Path)} with more H2 settings appended to the URL, e.g. {@code ";CACHE_SIZE=65536"}. */
    static TestDatabase h2(Path dir, String settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(EmbeddedDatabase.url(dir) + settings);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway flyway = Flyway.configure().dataSource(dataSource).load();
        flyway.migrate();
        return new TestDatabase(dataSource, flyway);
    }

    /**
     * PostgreSQL from {@value #POSTGRES_URL} (a JDBC URL with user and password in it), with
     * this JVM's schema dropped and migrated afresh.
     */
    static TestDatabase postgres() {
        String url = System.getenv(POSTGRES_URL);
        if (DROP_AT_EXIT.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchema(url)));
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + POSTGRES_SCHEMA);
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway flyway = Flyway.configure().dataSource(dataSource).schemas(POSTGRES_SCHEMA)
                .cleanDisabled(false).load();
        flyway.clean();
        flyway.migrate();
        return new TestDatabase(dataSource, flyway);
    }

    private static void dropSchema(String url) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             java.sql.Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + POSTGRES_SCHEMA + " CASCADE");
        } catch (java.sql.SQLException e) {
            System.err.println("Could not drop the test schema " + POSTGRES_SCHEMA + ": " + e.getMessage());
        }
    }

    JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    Flyway flyway() {
        return flyway;
    }

    /** A service over this database with its log in {@code dir}. */
    AnomalyService service(Path dir) throws java.io.IOException {
        return new AnomalyService(AnomalyProperties.in(dir), jdbc());
    }

    long rows() {
        Long rows = jdbc().queryForObject("SELECT COUNT(*) FROM anomaly", Long.class);
        return rows == null ? 0 : rows;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
