package dev.zscope;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.theme.lumo.Lumo;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Zscope: one detection engine per server, watched live from any number of browsers.
 *
 * <p>The app shell turns on server push for every view, because the engine produces data whether
 * or not a browser asks for it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("styles.css")
public class Application implements AppShellConfigurator {

    /** {@code replay ...} runs the replay command and exits without starting Spring or a server. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("replay")) {
            System.exit(dev.zscope.replay.ReplayCommand.run(
                    java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (dev.zscope.cluster.DetectorApplication.wanted(args)) { // a cluster's detector node: no web server
            dev.zscope.cluster.DetectorApplication.run(args);
            return;
        }
        SpringApplication.run(Application.class, args);
    }
}
