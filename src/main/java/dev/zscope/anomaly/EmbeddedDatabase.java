package dev.zscope.anomaly;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
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

    @Bean(destroyMethod = "close")
    @Conditional(NoDataSourceUrl.class)
    DataSource dataSource(AnomalyProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("zscope-h2");
        config.setJdbcUrl(url(properties.dataDirectory()));
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
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
