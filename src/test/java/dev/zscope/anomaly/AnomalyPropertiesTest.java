package dev.zscope.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
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
    void rejectsAMemoryLimitBelowAThousand() {
        runner.withPropertyValues("zscope.anomaly.memory-limit=999")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("memoryLimit"));
    }
}
