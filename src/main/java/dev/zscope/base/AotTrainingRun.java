package dev.zscope.base;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The training run of the build's {@code aot} profile ({@code zscope.aot-training=true}): once the
 * application is ready, it requests its own login page once and exits, and the JVM writes its
 * ahead-of-time cache on the way out.
 *
 * <p>Why not Spring's {@code spring.context.exit=onRefresh}: that stops before the web server
 * starts, so the cache lacked the 1,500 classes of the first request (Tomcat's request path,
 * Vaadin's bootstrap page, jsoup) and their profiles, about a second of CPU at every start.
 * Inert unless the property is set.
 */
@Component
@ConditionalOnBooleanProperty("zscope.aot-training")
class AotTrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(AotTrainingRun.class);

    @EventListener(ApplicationReadyEvent.class)
    void serveOnceAndExit(ApplicationReadyEvent event) {
        String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<Void> login = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/login")).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding());
            LOG.info("Training run: /login answered {}; exiting", login.statusCode());
        } catch (IOException e) {
            LOG.warn("Training run: /login failed ({}); exiting", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Thread.ofPlatform().name("aot-training-exit").start(
                () -> System.exit(SpringApplication.exit(event.getApplicationContext())));
    }
}
