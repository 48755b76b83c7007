package dev.zscope.anomaly;

import java.time.Instant;

/**
 * Whether anomalies can be kept right now: the last write to the log and the database succeeded
 * ({@link #ok()}), or since when and why they fail. What the UI banner and the health endpoint show.
 *
 * @param ok       whether the last group was kept
 * @param diskFull whether the failure is a full disk
 * @param since    when the failures began; null while ok
 * @param reason   what failed, for people; null while ok
 */
public record StoreHealth(boolean ok, boolean diskFull, Instant since, String reason) {

    public static final StoreHealth OK = new StoreHealth(true, false, null, null);
}
