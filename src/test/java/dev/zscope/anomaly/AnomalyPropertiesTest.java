package dev.zscope.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class AnomalyPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AnomalyProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void defaultsToTheDataDirectoryAndAMillionInMemory() {
        runner.run(context -> assertThat(context.getBean(AnomalyProperties.class))
                .isEqualTo(new AnomalyProperties(Path.of("data"), 1_000_000)));
    }

    @Test
    void bindsTheDataDirectoryAndMemoryLimit() {
        runner.withPropertyValues("zscope.anomaly.data-directory=/var/lib/zscope", "zscope.anomaly.memory-limit=5000")
                .run(context -> assertThat(context.getBean(AnomalyProperties.class))
                        .isEqualTo(new AnomalyProperties(Path.of("/var/lib/zscope"), 5000)));
    }

    @Test
    void theServiceOpensTheConfiguredDirectoryAndIsClosedWithTheContext(@TempDir Path dir) {
        AnomalyService[] service = new AnomalyService[1];
        runner.withBean(AnomalyService.class)
                .withPropertyValues("zscope.anomaly.data-directory=" + dir.resolve("nested"))
                .run(context -> {
                    service[0] = context.getBean(AnomalyService.class);
                    assertThat(service[0].logFile()).isEqualTo(dir.resolve("nested/anomalies.csv")).exists();
                });
        try (TestAnomalies.LogCapture capture = new TestAnomalies.LogCapture(AnomalyService.class)) {
            service[0].record(TestAnomalies.anomaly("late", 1, 1, 4)); // after @PreDestroy: the log is closed
            assertThat(capture.messages()).singleElement().asString().contains("kept in memory only");
        }
    }

    @Test
    void rejectsAMemoryLimitBelowAThousand() {
        runner.withPropertyValues("zscope.anomaly.memory-limit=999")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("memoryLimit"));
    }
}
