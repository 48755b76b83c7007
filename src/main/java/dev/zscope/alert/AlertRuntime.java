package dev.zscope.alert;

import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.StreamStatus;
import dev.zscope.engine.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The alert feature's moving parts, made once and wired together: tables, rules, silences,
 * channels and the evaluator, which listens to the engine from start to stop. The services are
 * its public face; this class is not.
 */
@Component
@DependsOnDatabaseInitialization
class AlertRuntime implements SmartLifecycle, DisposableBean {

    final AlertProperties properties;
    final Clock clock;
    final AlertTable alerts;
    final SilenceTable silences;
    final TriageTable triage;
    final RuleBook rules;
    final Muting muting = new Muting();
    final Channels channels;
    final Links links;
    final AlertEvaluator evaluator;
    final DetectionEngine engine;
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private final long startedAt;
    private volatile Subscription listening;
    private volatile boolean running;

    AlertRuntime(AlertProperties properties, PublicUrlProperties publicUrl, JdbcTemplate jdbc, TransactionTemplate tx,
                 DetectionEngine engine, ObjectProvider<JavaMailSender> mail, ObjectProvider<MailProperties> mailProperties,
                 ObjectProvider<Clock> clock) {
        this.properties = properties;
        this.clock = clock.getIfUnique(Clock::systemUTC);
        this.engine = engine;
        this.alerts = new AlertTable(jdbc, tx);
        this.silences = new SilenceTable(jdbc);
        this.triage = new TriageTable(jdbc);
        this.rules = new RuleBook(properties, triage.rules());
        this.links = new Links(publicUrl.publicUrl());
        MailProperties m = mailProperties.getIfAvailable();
        String from = m != null && m.getUsername() != null && m.getUsername().contains("@") ? m.getUsername()
                : "zscope@localhost";
        this.channels = new Channels(properties, links, mail.getIfAvailable(), from, HttpChannel.client());
        this.startedAt = this.clock.millis();
        refreshMuting();
        this.evaluator = new AlertEvaluator(this.clock, properties, alerts, channels, muting, rules, this::lastSeen,
                deliveries);
    }

    /** Reads silences and maintenance windows again after a change. */
    void refreshMuting() {
        muting.silences(silences.silences(clock.instant(), Silence.MAX_ACTIVE));
        muting.windows(silences.windows());
    }

    /**
     * The server time of each stream's last point; a stream restored with points but none since the
     * start counts from the start (nobody knows when it last had one).
     */
    private Map<String, Long> lastSeen() {
        Map<String, Long> out = new HashMap<>();
        for (StreamStatus s : engine.statuses()) {
            if (s.lastArrivalMillis() > 0) {
                out.put(s.stream(), s.lastArrivalMillis());
            } else if (s.points() > 0) {
                out.put(s.stream(), startedAt);
            }
        }
        return out;
    }

    @Override
    public void start() {
        evaluator.start();
        listening = engine.listen(evaluator.intake());
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        Subscription s = listening;
        if (s != null) {
            s.close();
        }
        evaluator.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        if (running) {
            stop();
        }
        deliveries.shutdown();
        try {
            deliveries.awaitTermination(Duration.ofSeconds(5).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
