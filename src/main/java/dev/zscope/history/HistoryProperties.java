package dev.zscope.history;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The point store's settings, bound from {@code zscope.history.*}: what it keeps, for how long, and
 * how much disk it may use. Retention counts from when points were written, not from their
 * timestamps, so a replay of last year's data can be browsed like today's.
 *
 * @param enabled         whether points are stored at all; off, the chart shows only the points held
 *                        in memory ({@code zscope.engine.history-capacity} per stream)
 * @param dataDirectory   the folder of the segment files; normally {@code zscope.data-dir}/history
 * @param rawRetention    how long every point is kept as it was judged (value, expected value, band,
 *                        score, flags); default 48h
 * @param rollupRetention how long the one-minute summaries (count, min, max, mean, last, mean band)
 *                        and every anomaly are kept; default 30d, at least the raw retention
 * @param maxDiskSize     the most the store's files may take together; beyond it the oldest raw
 *                        files go first, then the oldest summaries; default 1GB
 * @param minFreeSpace    the store writes nothing while the disk has less free space than this, so
 *                        it never takes the room the anomaly log needs; default 256MB
 * @param flushInterval   how often buffered points are written: a crash loses at most this much of
 *                        the stored history (the anomaly log is not affected); default 5s
 * @param bufferedPoints  the most points waiting in memory to be written; beyond it, while the disk
 *                        is slow or full, points are not stored (counted) and ingest goes on at full
 *                        speed; default 262,144 (at most 16 MB)
 */
@Validated
@ConfigurationProperties("zscope.history")
public record HistoryProperties(@DefaultValue("true") boolean enabled,
                                @DefaultValue("data/history") @NotNull Path dataDirectory,
                                @DefaultValue("48h") @NotNull Duration rawRetention,
                                @DefaultValue("30d") @NotNull Duration rollupRetention,
                                @DefaultValue("1GB") @NotNull DataSize maxDiskSize,
                                @DefaultValue("256MB") @NotNull DataSize minFreeSpace,
                                @DefaultValue("5s") @NotNull Duration flushInterval,
                                @DefaultValue("262144") @Min(4096) @Max(67_108_864) int bufferedPoints) {

    /** Segment files hold at most this share of the budget, so there is always an old one to drop. */
    static final int SEGMENTS_PER_BUDGET = 16;

    /** The defaults, in {@code directory}; for tests and tools. */
    public static HistoryProperties in(Path directory) {
        return new HistoryProperties(true, directory, Duration.ofHours(48), Duration.ofDays(30),
                DataSize.ofGigabytes(1), DataSize.ofMegabytes(256), Duration.ofSeconds(5), 262_144);
    }

    @AssertTrue(message = "zscope.history.raw-retention must be from 1 minute to 365 days")
    boolean isRawRetentionValid() {
        return rawRetention == null || within(rawRetention, Duration.ofMinutes(1), Duration.ofDays(365));
    }

    @AssertTrue(message = "zscope.history.rollup-retention must be at least zscope.history.raw-retention and at most 3650 days")
    boolean isRollupRetentionValid() {
        return rollupRetention == null || rawRetention == null
                || within(rollupRetention, rawRetention, Duration.ofDays(3650));
    }

    @AssertTrue(message = "zscope.history.max-disk-size must be from 16MB to 16TB")
    boolean isMaxDiskSizeValid() {
        return maxDiskSize == null || (maxDiskSize.toMegabytes() >= 16 && maxDiskSize.toTerabytes() <= 16);
    }

    @AssertTrue(message = "zscope.history.min-free-space must be from 0 to 1TB")
    boolean isMinFreeSpaceValid() {
        return minFreeSpace == null || (minFreeSpace.toBytes() >= 0 && minFreeSpace.toTerabytes() <= 1);
    }

    @AssertTrue(message = "zscope.history.flush-interval must be from 100ms to 60s")
    boolean isFlushIntervalValid() {
        return flushInterval == null || within(flushInterval, Duration.ofMillis(100), Duration.ofSeconds(60));
    }

    /** The largest a segment file grows before the next one starts: a 16th of the budget, at most 64 MB. */
    long segmentBytes() {
        return Math.min(64L << 20, maxDiskSize.toBytes() / SEGMENTS_PER_BUDGET);
    }

    private static boolean within(Duration d, Duration min, Duration max) {
        return d.compareTo(min) >= 0 && d.compareTo(max) <= 0;
    }
}
