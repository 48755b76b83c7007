package dev.zscope.source.prometheus;

import dev.zscope.source.SourceCursors;
import dev.zscope.source.SourceDefinition;
import dev.zscope.source.SourceHealth;
import dev.zscope.source.SourceProblems;
import dev.zscope.source.SourceRunner;
import dev.zscope.source.SourceWriter;
import dev.zscope.source.StreamNaming;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one Prometheus source. The points are the query's evaluations at every multiple of the
 * step (epoch-aligned, so every run asks for the same times), read once they are at least the
 * source's delay old. A mark ({@link SourceCursors}) says up to which step every series was written;
 * each poll asks for the steps after it, up to now minus the delay, in chunks of at most
 * {@value #MAX_SAMPLES} samples (and {@value #MAX_STEPS} steps), and moves it on only once every
 * series of the chunk is written. So after downtime (of Zscope or of Prometheus) polling catches up
 * from the mark without a gap, and a chunk read again after a failure writes nothing twice, since
 * each stream only takes points after its newest one.
 *
 * <p>Each series becomes the stream named by {@link StreamNaming} from the source's name and the
 * series' label values in label-name order. A series the engine refuses (too many streams) is
 * reported and skipped without holding up the others; while anomalies cannot be kept the chunk is
 * tried again later. Failures back off from 1 s to {@link #MAX_BACKOFF} (at least the step).
 */
final class PrometheusPoller implements SourceRunner {

    static final long MAX_SAMPLES = 1_000_000;
    static final int MAX_STEPS = 10_000;
    static final int MAX_SERIES = 10_000;
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(PrometheusPoller.class);

    private final SourceDefinition source;
    private final PrometheusClient client;
    private final SourceWriter writer;
    private final SourceCursors cursors;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ExecutorService polls;
    private final String fingerprint;
    private final long stepMillis;
    private final SourceProblems problems = new SourceProblems();
    private final Set<String> streams = ConcurrentHashMap.newKeySet();
    private volatile long cursor = Long.MIN_VALUE;
    private volatile Instant lastPoll;
    private volatile boolean failing;
    private volatile int lastSeries = 1;
    private int failures;
    private volatile boolean stopped;
    private ScheduledFuture<?> next;

    PrometheusPoller(SourceDefinition source, PrometheusClient client, SourceWriter writer, SourceCursors cursors,
                     Clock clock, ScheduledExecutorService timer, ExecutorService polls) {
        this.source = source;
        this.client = client;
        this.writer = writer;
        this.cursors = cursors;
        this.clock = clock;
        this.timer = timer;
        this.polls = polls;
        this.stepMillis = source.step().toMillis();
        this.fingerprint = fingerprint(source);
    }

    @Override
    public void start() {
        schedule(0);
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    private synchronized void schedule(long delayMillis) {
        if (!stopped) {
            next = timer.schedule(() -> polls.execute(this::pollSafely), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void pollSafely() {
        long wait = pollRecorded();
        if (wait >= 0) {
            schedule(wait);
        }
    }

    /**
     * {@link #poll} with its failure recorded in the health and a backoff: how long to wait before
     * the next poll, or -1 when interrupted (stopping).
     */
    long pollRecorded() {
        long wait;
        try {
            wait = poll();
            failures = 0;
            failing = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            failing = true;
            failures++;
            problems.error(e.getMessage(), clock.instant());
            if (failures == 1) {
                log.warn("Source '{}' failed to poll {}: {}", source.name(), source.safeUrl(), e.getMessage());
            }
            long cap = Math.max(MAX_BACKOFF.toMillis(), stepMillis);
            wait = Math.min(cap, 1000L << Math.min(20, failures - 1));
        }
        return wait;
    }

    /**
     * One chunk: reads, writes and moves the mark; returns how long to wait before the next one
     * (0 while behind).
     */
    long poll() throws Exception {
        long now = clock.millis();
        long newest = Math.floorDiv(now - source.delay().toMillis(), stepMillis) * stepMillis;
        if (cursor == Long.MIN_VALUE) {
            cursor = cursors.load(source.name(), fingerprint).map(Instant::toEpochMilli)
                    .orElse(newest - Math.floorDiv(source.lookback().toMillis(), stepMillis) * stepMillis);
        }
        if (cursor >= newest) {
            lastPoll = Instant.ofEpochMilli(now);
            return newest + stepMillis + source.delay().toMillis() - now;
        }
        long start = cursor + stepMillis;
        long steps = Math.max(1, Math.min(MAX_STEPS, MAX_SAMPLES / Math.max(1, lastSeries)));
        long end = Math.min(newest, start + (steps - 1) * stepMillis);
        List<String> refused = new ArrayList<>();
        int[] series = {0};
        client.queryRange(source.query(), start, end, stepMillis, (labels, times, values, n) -> {
            if (++series[0] > MAX_SERIES) {
                if (series[0] == MAX_SERIES + 1) {
                    refused.add("the query gives more than " + MAX_SERIES + " series; the rest are skipped");
                }
                return;
            }
            write(name(labels), times, values, n, start, end, refused);
        });
        lastSeries = Math.max(1, series[0]);
        cursor = end;
        cursors.save(source.name(), fingerprint, Instant.ofEpochMilli(end));
        lastPoll = Instant.ofEpochMilli(now);
        if (!refused.isEmpty()) {
            problems.error(String.join("; ", refused), clock.instant());
        }
        return end < newest ? 0 : newest + stepMillis + source.delay().toMillis() - now;
    }

    private void write(String stream, long[] times, double[] values, int n, long start, long end, List<String> refused) {
        long after = Math.max(start - 1, writer.last(stream).millis());
        int kept = 0;
        for (int i = 0; i < n; i++) {
            long t = times[i];
            if (t > after && t <= end && Double.isFinite(values[i])) {
                times[kept] = t;
                values[kept] = values[i];
                kept++;
                after = t;
            }
        }
        if (kept == 0) {
            streams.add(stream);
            return;
        }
        try {
            writer.write(stream, times, values, kept);
            streams.add(stream);
            problems.wrote(kept);
        } catch (SourceWriter.WriteException e) {
            if (e.retryable()) {
                throw e; // the whole chunk again later; streams written already take nothing twice
            }
            if (refused.size() < 5) {
                refused.add("stream " + stream + ": " + e.getMessage());
            }
        }
    }

    /** The stream of a series: the source's name, then its label values by label name. */
    String name(Map<String, String> labels) {
        List<String> parts = new ArrayList<>(labels.size() + 1);
        parts.add(source.name());
        parts.addAll(labels.values()); // a TreeMap: by label name
        return StreamNaming.name(parts);
    }

    @Override
    public SourceHealth health() {
        Instant polled = lastPoll;
        SourceHealth.State state = stopped ? SourceHealth.State.STOPPED : failing ? SourceHealth.State.FAILING
                : polled == null ? SourceHealth.State.STARTING : SourceHealth.State.OK;
        long c = cursor;
        Duration lag = c == Long.MIN_VALUE || polled == null ? null
                : Duration.ofMillis(Math.max(0, clock.millis() - c));
        return new SourceHealth(source.name(), state, polled, problems.lastError(), problems.lastErrorAt(), lag,
                streams.size(), problems.points(), problems.errors());
    }

    static String fingerprint(SourceDefinition d) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((d.url() + "\n" + d.query() + "\n"
                    + d.step().toMillis()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
