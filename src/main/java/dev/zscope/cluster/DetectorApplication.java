package dev.zscope.cluster;

import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.settings.SettingsProperties;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The detector role: detection (Kafka Streams) and nothing else, no web server and no database, in
 * a small Spring context that still reads the usual configuration ({@code application.properties},
 * environment, command line). Not a component, so the web application never picks it up.
 */
@EnableConfigurationProperties({ClusterProperties.class, SettingsProperties.class})
public class DetectorApplication {

    private static final String ROLE = "zscope.cluster.role";

    /**
     * Whether the command line ({@code --zscope.cluster.role=detector}), a system property or the
     * environment ({@code ZSCOPE_CLUSTER_ROLE}) asks for the detector role.
     */
    public static boolean wanted(String[] args) {
        String role = Arrays.stream(args).filter(a -> a.startsWith("--" + ROLE + "="))
                .map(a -> a.substring(ROLE.length() + 3)).reduce((a, b) -> b)
                .orElseGet(() -> System.getProperty(ROLE, System.getenv("ZSCOPE_CLUSTER_ROLE")));
        return role != null && role.strip().toLowerCase(Locale.ROOT).equals("detector");
    }

    public static void run(String[] args) {
        new SpringApplicationBuilder(DetectorApplication.class).web(WebApplicationType.NONE).run(args);
    }

    @Bean
    DetectorRunner detectorRunner(ClusterProperties properties, SettingsProperties settings) {
        if (!properties.enabled()) {
            throw new IllegalStateException("The detector role needs zscope.cluster.bootstrap-servers");
        }
        return new DetectorRunner(properties, new DetectorChoice(settings.detector(), settings.detectorSettings()));
    }
}
