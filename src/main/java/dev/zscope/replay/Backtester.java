package dev.zscope.replay;

import jakarta.annotation.PreDestroy;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.zscope.detection.Detector;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.StreamPoint;
import java.io.IOException;
import java.io.Reader;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;

/**
 * Replays a {@code timestamp,value[,label]} CSV through a fresh detector and reports what it would
 * have raised. It runs the replay command's own loop ({@link PointReplay}), so the UI and the
 * command agree row for row; it streams (ten million rows need no more memory than ten), reports
 * progress in rows and stops early when asked. A malformed row stops the run with its line number,
 * because a silently half-read file would give a misleading answer.
 */
@Service
public class Backtester {

    static final int CHART_POINTS = 4_000;
    static final int CHART_ANOMALIES = 5_000;
    private static final int PROGRESS_EVERY = 10_000;
    /** Backtests that run at once; more wait in a short queue, and beyond it are refused. */
    static final int RUNNING = 2;
    static final int WAITING = 8;

    private final ThreadPoolTaskExecutor executor;

    public Backtester() {
        executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(RUNNING);
        executor.setMaxPoolSize(RUNNING);
        executor.setQueueCapacity(WAITING);
        executor.setThreadNamePrefix("backtest-");
        executor.setDaemon(true);
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
    }

    /**
     * Runs the replay of {@code file} on one of the backtest threads (at most {@value #RUNNING} at
     * once, so no user can exhaust the server with uploads); see {@link #run}.
     *
     * @throws RejectedExecutionException when {@value #WAITING} backtests already wait
     */
    public CompletableFuture<BacktestResult> submit(Path file, DetectorChoice detectorChoice, LongConsumer progress,
                                                    BooleanSupplier cancelled) {
        return submit(file, detectorChoice, false, progress, cancelled);
    }

    /**
     * {@link #submit(Path, DetectorChoice, LongConsumer, BooleanSupplier)}; with {@code fileHints} the
     * detector gets the file's minimum, maximum and row count as hints ({@link FileHints}), as NAB's
     * detectors do and as {@code replay --file-hints}; the file is then read twice.
     */
    public CompletableFuture<BacktestResult> submit(Path file, DetectorChoice detectorChoice, boolean fileHints,
                                                    LongConsumer progress, BooleanSupplier cancelled) {
        return CompletableFuture.supplyAsync(() -> {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                DetectorChoice choice = detectorChoice;
                if (fileHints) {
                    try (Reader first = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                        choice = detectorChoice.withHints(FileHints.of(first));
                    }
                }
                return run(in, choice, progress, cancelled);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, executor);
    }

    @PreDestroy
    void close() {
        executor.shutdown();
    }

    /**
     * Runs the replay.
     *
     * @param progress  told the number of rows read so far, every 10,000 rows and at the end
     * @param cancelled polled every 10,000 rows; true stops the run with a partial result
     * @throws IllegalArgumentException for a file Zscope cannot read, naming the line and the reason
     */
    public BacktestResult run(Reader csv, DetectorChoice detectorChoice, LongConsumer progress,
                              BooleanSupplier cancelled) throws IOException {
        Detector detector = detectorChoice.create();
        Tally tally = new Tally(new ChartSampler(CHART_POINTS, CHART_ANOMALIES));
        PointReplay.run(detector, csv, (line, row, millis, value, v) -> {
            tally.add(row, millis, value, v.anomaly(), v);
            if (tally.rows % PROGRESS_EVERY == 0) {
                progress.accept(tally.rows);
                if (cancelled.getAsBoolean()) {
                    tally.cancelled = true;
                    return false;
                }
            }
            return true;
        });
        if (!tally.cancelled) {
            progress.accept(tally.rows);
        }
        return tally.result();
    }

    /** Counts of one run; the label column is {@code label} or {@code is_anomaly}, 1/true/yes = anomaly. */
    private static final class Tally {
        private final ChartSampler chart;
        private long rows;
        private long skipped;
        private long anomalies;
        private long truePositives;
        private long falsePositives;
        private long falseNegatives;
        private boolean labelled;
        private boolean cancelled;

        Tally(ChartSampler chart) {
            this.chart = chart;
        }

        void add(CSVRecord row, long millis, double value, boolean flagged, dev.zscope.detection.Verdict v) {
            skipped += Double.isFinite(value) ? 0 : 1;
            anomalies += flagged ? 1 : 0;
            String label = row.isMapped("label") ? row.get("label")
                    : row.isMapped("is_anomaly") ? row.get("is_anomaly") : null;
            if (label != null) {
                labelled = true;
                boolean isAnomaly = isTrue(label);
                truePositives += flagged && isAnomaly ? 1 : 0;
                falsePositives += flagged && !isAnomaly ? 1 : 0;
                falseNegatives += !flagged && isAnomaly ? 1 : 0;
            }
            chart.offer(new StreamPoint(rows, millis, value, v.expected(), v.lower(), v.upper(), v.score(),
                    flagged, false, v.learning()));
            rows++;
        }

        BacktestResult result() {
            return new BacktestResult(rows, skipped, anomalies, chart.points(), labelled
                    ? new BacktestResult.LabelScore(truePositives, falsePositives, falseNegatives) : null,
                    cancelled);
        }
    }

    private static boolean isTrue(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return t.equals("1") || t.equals("true") || t.equals("yes");
    }
}
