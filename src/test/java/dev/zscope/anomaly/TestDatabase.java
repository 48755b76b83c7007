package dev.zscope.anomaly;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A migrated database for tests that run without Spring: H2 in a test's folder, or the PostgreSQL
 * named by {@value #POSTGRES_URL}, where everything happens in the schema {@value #POSTGRES_SCHEMA},
 * which is emptied first (so no other data there is ever touched).
 */
final class TestDatabase implements AutoCloseable {

    static final String POSTGRES_URL = "ZSCOPE_TEST_POSTGRES_URL";
    static final String POSTGRES_SCHEMA = "zscope_test";

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
     * {@value #POSTGRES_SCHEMA} dropped and migrated afresh.
     */
    static TestDatabase postgres() {
        String url = System.getenv(POSTGRES_URL);
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
