package dev.zscope.anomaly;

import dev.zscope.base.PrivateFiles;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The default database: H2 in file mode, {@code zscope.mv.db} in the data directory, so that a
 * plain start keeps its anomaly history next to {@code anomalies.csv} with nothing to install.
 *
 * <p>Only when {@code spring.datasource.url} is not set; setting it (for example to a PostgreSQL
 * URL) hands the data source back to Spring Boot's own auto-configuration. Spring Boot's default
 * for H2 would be an in-memory database, and an H2 file URL cannot be written as a property
 * placeholder because H2 refuses implicitly relative paths such as {@code data/zscope}; so the
 * path is made absolute here.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedDatabase {

    static final String FILE_NAME = "zscope";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    @Bean(destroyMethod = "close")
    @Conditional(NoDataSourceUrl.class)
    DataSource dataSource(AnomalyProperties properties) {
        Path directory = properties.dataDirectory();
        HikariDataSource pool = pool(directory);
        try (Connection probe = pool.getConnection()) {
            PrivateFiles.ownerOnly(directory.resolve(FILE_NAME + ".mv.db"));
            return pool;
        } catch (SQLException | RuntimeException e) {
            if (!damaged(e)) {
                pool.close();
                throw new IllegalStateException("Cannot open the database in " + directory.toAbsolutePath() + ": "
                        + e.getMessage(), e);
            }
            pool.close();
        } catch (IOException e) {
            return pool;
        }
        Path file = directory.resolve(FILE_NAME + ".mv.db");
        Path aside = directory.resolve(FILE_NAME + ".mv.db.damaged-" + System.currentTimeMillis());
        try {
            Files.move(file, aside);
        } catch (IOException e) {
            throw new UncheckedIOException("The database file " + file.toAbsolutePath() + " is damaged and could not"
                    + " be set aside; move it away by hand, and Zscope rebuilds it from anomalies.csv", e);
        }
        log.error("The database file {} was damaged; it is kept as {} and a new database is built from {}: every"
                + " anomaly comes back from the log, streams reappear with their next point and learn again",
                file.toAbsolutePath(), aside.getFileName(), AnomalyLog.FILE_NAME);
        return pool(directory);
    }

    private static HikariDataSource pool(Path directory) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("zscope-h2");
        config.setJdbcUrl(url(directory));
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        config.setInitializationFailTimeout(-1); // opened by the probe below, where a damaged file is handled
        return new HikariDataSource(config);
    }

    /** Whether H2 says its file is damaged (not merely locked or unreachable). */
    private static boolean damaged(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("corrupted") || m.contains("90030") || m.contains("MVStoreException")
                    || t.getClass().getName().endsWith("MVStoreException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The H2 URL for {@code dataDirectory}, creating the directory. {@code DB_CLOSE_ON_EXIT=FALSE}
     * leaves closing to Spring, after the anomaly store has committed its last group.
     * {@code AUTO_COMPACT_FILL_RATE=0}: no background compaction, which after every start spent
     * seconds of CPU rewriting a large file's chunks (a million stored anomalies: 6 s more CPU to the
     * login page); H2 still compacts for a moment when it closes. {@code TRACE_MAX_FILE_SIZE=1}: H2's
     * own trace file stays under a megabyte (on a full disk it used to eat the space freed).
     */
    static String url(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDirectory.toAbsolutePath(), e);
        }
        return "jdbc:h2:file:" + dataDirectory.toAbsolutePath().normalize().resolve(FILE_NAME)
                + ";DB_CLOSE_ON_EXIT=FALSE;AUTO_COMPACT_FILL_RATE=0;TRACE_MAX_FILE_SIZE=1";
    }

    /** Matches when no {@code spring.datasource.url} is configured. */
    static final class NoDataSourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
