package dev.zscope.base;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zscope.anomaly.AnomalyService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A data directory given relative to the working directory, climbing out of it with {@code ..},
 * starts the whole web application (on a real embedded server: the mock servlet context resolves
 * paths differently and does not show the problem) and is used as that file-system path. Spring's own reading
 * of a {@code Path} in a web application had refused it (see {@link PlainPaths}).
 */
// Production mode, as DashboardBrowserIT: in development mode Vaadin would start a frontend build
// with npm in the background, which needs Node 24 and writes package.json into the project.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "vaadin.productionMode=true")
class RelativeDataDirectoryTest {

    private static final String NAME = UUID.randomUUID().toString();
    /** "../<this project's directory>/target/test-data/<random>": out of the working directory and back. */
    private static final Path RELATIVE = Path.of("..", Path.of("").toAbsolutePath().getFileName().toString(),
            "target", "test-data", NAME);

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("zscope.data-dir", RELATIVE::toString);
    }

    @Autowired
    AnomalyService anomalies;

    @Test
    void aDataDirectoryThatClimbsOutOfTheWorkingDirectoryIsUsedAsGiven() {
        Path expected = Path.of("target", "test-data", NAME);
        assertThat(Files.isDirectory(expected)).as("the data directory was created where the path points").isTrue();
        assertThat(anomalies.logFile()).startsWith(expected.toAbsolutePath());
    }

    @Test
    void theConverterReadsPathsAsFileSystemPaths() {
        assertThat(new PlainPaths().convert(" ../x ")).isEqualTo(Path.of("..", "x"));
    }
}
