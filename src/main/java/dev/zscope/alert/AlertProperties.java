package dev.zscope.alert;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Alerting from configuration, bound from {@code zscope.alerts.*}: the default rule, the
 * notification timers (Alertmanager's defaults), channels and per-stream rules for automation.
 * Channels and rules from here show read-only in the UI; what an admin adds there is kept apart
 * ({@code alert-channels.properties} in the data directory, the {@code alert_rule} table).
 *
 * @param dataDirectory  where channels made in the UI are kept (owner-only, they hold secrets)
 * @param groupWait      how long a new alert group waits before its first notification
 * @param groupInterval  the least time between two notifications of one group; also the length of
 *                       one flapping evaluation
 * @param repeatInterval how often an unacknowledged firing alert is notified again
 * @param keepFiringFor  quiet time after the last anomaly before an alert resolves
 * @param pending        anomalous verdicts needed within {@code pendingWindow} before it fires
 * @param pendingWindow  the window those verdicts must fall in
 * @param minSeverity    anomalies below this calibrated severity (0..1) raise no alert
 * @param nodata         whether a stream that had data and goes stale raises a nodata alert
 * @param nodataAfter    how long without a point counts as stale
 * @param timeZone       the zone of maintenance windows that name none; the server's by default
 * @param retention      how long resolved alerts and their notifications are kept
 * @param queueCapacity  anomaly events held between the engine and the alert evaluator; beyond it
 *                       events are merged per stream, never dropped
 * @param channels       channels by name ({@code zscope.alerts.channels.<name>.type=webhook} ...)
 * @param streams        rules of single streams that differ from the default
 *                       ({@code zscope.alerts.streams.<stream>.pending=3}; a name with dots in
 *                       brackets: {@code zscope.alerts.streams[cpu.load].pending=3})
 */
@Validated
@ConfigurationProperties("zscope.alerts")
public record AlertProperties(@DefaultValue("data") @NotNull Path dataDirectory,
                              @DefaultValue("30s") @NotNull Duration groupWait,
                              @DefaultValue("5m") @NotNull Duration groupInterval,
                              @DefaultValue("4h") @NotNull Duration repeatInterval,
                              @DefaultValue("5m") @NotNull Duration keepFiringFor,
                              @DefaultValue("1") @Min(1) @Max(AlertRule.MAX_PENDING) int pending,
                              @DefaultValue("5m") @NotNull Duration pendingWindow,
                              @DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double minSeverity,
                              @DefaultValue("false") boolean nodata,
                              @DefaultValue("10m") @NotNull Duration nodataAfter,
                              ZoneId timeZone,
                              @DefaultValue("90d") @NotNull Duration retention,
                              @DefaultValue("10000") @Min(100) @Max(10_000_000) int queueCapacity,
                              Map<String, @Valid ChannelConfig> channels,
                              Map<String, @Valid RuleConfig> streams) {

    public AlertProperties {
        channels = channels == null ? Map.of() : new TreeMap<>(channels);
        streams = streams == null ? Map.of() : new TreeMap<>(streams);
        timeZone = timeZone == null ? ZoneId.systemDefault() : timeZone;
        for (var d : List.of(groupWait, groupInterval, repeatInterval, keepFiringFor, pendingWindow, nodataAfter)) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("zscope.alerts durations must not be negative: " + d);
            }
        }
        if (groupInterval.isZero() || repeatInterval.isZero() || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("zscope.alerts.group-interval, repeat-interval and retention must be"
                    + " greater than 0");
        }
    }

    /** The defaults, for tests and tools that build the alert feature by hand. */
    public static AlertProperties defaults(Path dataDirectory) {
        return new AlertProperties(dataDirectory, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4),
                Duration.ofMinutes(5), 1, Duration.ofMinutes(5), 0, false, Duration.ofMinutes(10), null,
                Duration.ofDays(90), 10_000, Map.of(), Map.of());
    }

    /** The rule of every stream without one of its own. */
    public AlertRule defaultRule() {
        return new AlertRule(pending, pendingWindow, keepFiringFor, minSeverity, nodata, nodataAfter);
    }

    /** The same with other timers, for tests. */
    public AlertProperties withTimers(Duration wait, Duration interval, Duration repeat) {
        return new AlertProperties(dataDirectory, wait, interval, repeat, keepFiringFor, pending, pendingWindow,
                minSeverity, nodata, nodataAfter, timeZone, retention, queueCapacity, channels, streams);
    }

    /** The same with these channels, for tests. */
    public AlertProperties withChannels(Map<String, ChannelConfig> configured) {
        return new AlertProperties(dataDirectory, groupWait, groupInterval, repeatInterval, keepFiringFor, pending,
                pendingWindow, minSeverity, nodata, nodataAfter, timeZone, retention, queueCapacity, configured,
                streams);
    }

    /**
     * One channel. Unset timers and {@code sendResolved} take the defaults above.
     *
     * @param type   {@code webhook}, {@code slack}, {@code email} or {@code alertmanager}
     * @param url    where to post (webhook, slack); Alertmanager's base URL (alertmanager)
     * @param to     recipients (email)
     * @param from   the sender (email); {@code spring.mail.username} or {@code zscope@localhost} if unset
     */
    public record ChannelConfig(@NotNull ChannelType type, String url, List<String> to, String from,
                                Boolean sendResolved, Duration groupWait, Duration groupInterval,
                                Duration repeatInterval) {

        public ChannelConfig {
            to = to == null ? List.of() : List.copyOf(to);
        }

        /** Leaves the URL out: it may carry a token. */
        @Override
        public String toString() {
            return "ChannelConfig[type=" + type + ", url=" + Secrets.redactUrl(url) + ", to=" + to + "]";
        }
    }

    /** A stream's own rule in configuration; unset fields take the default rule's. */
    public record RuleConfig(@Min(1) @Max(AlertRule.MAX_PENDING) Integer pending, Duration pendingWindow,
                             Duration keepFiringFor, @DecimalMin("0") @DecimalMax("1") Double minSeverity,
                             Boolean nodata, Duration nodataAfter) {

        /** This over {@code base}. */
        public AlertRule over(AlertRule base) {
            return new AlertRule(pending != null ? pending : base.pending(),
                    pendingWindow != null ? pendingWindow : base.pendingWindow(),
                    keepFiringFor != null ? keepFiringFor : base.keepFiringFor(),
                    minSeverity != null ? minSeverity : base.minSeverity(),
                    nodata != null ? nodata : base.nodata(),
                    nodataAfter != null ? nodataAfter : base.nodataAfter());
        }
    }
}
