package dev.zscope.source.prometheus;

import dev.zscope.source.SourceCursors;
import dev.zscope.source.SourceDefinition;
import dev.zscope.source.SourceKind;
import dev.zscope.source.SourceRunner;
import dev.zscope.source.SourceType;
import dev.zscope.source.SourceWriter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Prometheus sources: one timer thread ({@code zscope-prometheus}) schedules every source's polls,
 * and each poll runs on a virtual thread of its own, so a slow server delays only its source.
 */
@Component
class PrometheusKind implements SourceKind, DisposableBean {

    private final SourceWriter writer;
    private final SourceCursors cursors;
    private final HttpClient http = PrometheusClient.newHttpClient();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "zscope-prometheus");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService polls = Executors.newVirtualThreadPerTaskExecutor();

    PrometheusKind(SourceWriter writer, SourceCursors cursors) {
        this.writer = writer;
        this.cursors = cursors;
    }

    @Override
    public SourceType type() {
        return SourceType.PROMETHEUS;
    }

    @Override
    public SourceRunner create(SourceDefinition definition) {
        return new PrometheusPoller(definition, new PrometheusClient(http, definition.url(), definition.username(),
                definition.password()), writer, cursors, Clock.systemUTC(), timer, polls);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        polls.shutdownNow();
    }
}
