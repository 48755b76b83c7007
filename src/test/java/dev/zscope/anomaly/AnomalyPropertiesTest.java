package dev.zscope.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class AnomalyPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AnomalyProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    /** The application's database wiring: the embedded default, Boot's data source, Flyway, JdbcTemplate. */
    private final ApplicationContextRunner database = runner.withUserConfiguration(EmbeddedDatabase.class)
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class))
            .withBean(AnomalyService.class);

    @Test
    void defaultsToTheDataDirectoryAndGroupsOfTenThousand() {
        runner.run(context -> assertThat(context.getBean(AnomalyProperties.class))
                .isEqualTo(new AnomalyProperties(Path.of("data"), 10_000)));
    }

    @Test
    void bindsTheDataDirectoryAndTheGroupSize() {
        runner.withPropertyValues("zscope.anomaly.data-directory=/var/lib/zscope", "zscope.anomaly.max-group=5000")
                .run(context -> assertThat(context.getBean(AnomalyProperties.class))
                        .isEqualTo(new AnomalyProperties(Path.of("/var/lib/zscope"), 5000)));
    }

    @Test
    void rejectsAGroupBelowOne() {
        runner.withPropertyValues("zscope.anomaly.max-group=0")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("maxGroup"));
    }

    @Test
    void byDefaultKeepsAnomaliesInAnH2FileInTheDataDirectoryMigratedByFlyway(@TempDir Path dir) {
        AnomalyService[] service = new AnomalyService[1];
        database.withPropertyValues("zscope.anomaly.data-directory=" + dir.resolve("nested"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(((HikariDataSource) context.getBean(DataSource.class)).getJdbcUrl())
                            .startsWith("jdbc:h2:file:" + dir.resolve("nested/zscope"));
                    service[0] = context.getBean(AnomalyService.class);
                    assertThat(service[0].logFile()).isEqualTo(dir.resolve("nested/anomalies.csv")).exists();
                    service[0].recordNow(TestAnomalies.anomaly("s", 1, 1, 4));
                    assertThat(service[0].count(AnomalyQuery.all())).isEqualTo(1);
                });
        assertThat(dir.resolve("nested/zscope.mv.db")).exists();
        // after @PreDestroy the store is closed: a late anomaly is refused, not lost silently
        assertThat(service[0].record(java.util.List.of(TestAnomalies.anomaly("late", 2, 1, 4))))
                .isCompletedExceptionally();
    }

    @Test
    void aConfiguredDataSourceUrlReplacesTheEmbeddedDatabase(@TempDir Path dir) {
        database.withPropertyValues("zscope.anomaly.data-directory=" + dir,
                        "spring.datasource.url=jdbc:h2:mem:configured;DB_CLOSE_DELAY=-1")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(((HikariDataSource) context.getBean(DataSource.class)).getJdbcUrl())
                            .isEqualTo("jdbc:h2:mem:configured;DB_CLOSE_DELAY=-1");
                    context.getBean(AnomalyService.class).recordNow(TestAnomalies.anomaly("s", 1, 1, 4));
                    assertThat(context.getBean(AnomalyService.class).count(AnomalyQuery.all())).isEqualTo(1);
                });
        assertThat(dir.resolve("zscope.mv.db")).doesNotExist();
    }
}
