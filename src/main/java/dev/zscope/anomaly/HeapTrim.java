package dev.zscope.anomaly;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gives the heap that starting up needed back to the operating system: when the application is
 * ready and the anomaly history is read back it asks for one full garbage collection, and a minute
 * later for a second one if the heap has grown back by half.
 *
 * <p>Why: reading back a large {@code anomalies.csv} allocates about a gigabyte of short-lived
 * objects (a million rows parsed, converted and mostly skipped because the database holds them),
 * and starting Spring and Vaadin some hundreds of megabytes more; right after, H2 may compact a large
 * database file in the background (a profile showed 200 MB allocated within seconds). G1 answers
 * such bursts by growing the heap towards {@code -Xmx}, and an idle G1 keeps what it has grown: with
 * {@code -Xmx512m} the process stayed at 560–720 MB resident although 40 MB of the heap was live.
 * G1 shrinks the heap to fit what is live (see {@code MaxHeapFreeRatio}) after a full collection.
 * Each one pauses the application for 0.1–0.5 s, right after the start; a JVM run with
 * {@code -XX:+DisableExplicitGC} just skips them.
 *
 * <p>Alternatives: {@code -XX:G1PeriodicGCInterval} (users would have to remember it, and its idle
 * concurrent cycle shrinks little: old regions full of garbage count as used until mixed collections
 * empty them); collecting whenever idle (a policy of our own for the whole run, not only the start);
 * a smaller maximum heap (would risk the running application).
 */
@Component
class HeapTrim {

    static final Duration SECOND_LOOK = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(HeapTrim.class);

    private final AnomalyService anomalies;

    HeapTrim(AnomalyService anomalies) {
        this.anomalies = anomalies;
    }

    @EventListener(ApplicationReadyEvent.class)
    void afterStart() {
        anomalies.historyLoaded().thenRun(() -> {
            long committed = trim("after start");
            CompletableFuture.runAsync(() -> {
                if (heap().getCommitted() > committed + committed / 2) {
                    trim("grown back a minute later");
                }
            }, CompletableFuture.delayedExecutor(SECOND_LOOK.toMillis(), TimeUnit.MILLISECONDS));
        });
    }

    /** One full collection; logs the heap committed before and after, and returns the latter. */
    static long trim(String when) {
        MemoryUsage before = heap();
        long start = System.nanoTime();
        System.gc();
        MemoryUsage after = heap();
        LOG.info("Heap {}: {} MB in use of {} MB committed; after one full collection ({} ms) {} MB of {} MB", when,
                before.getUsed() >> 20, before.getCommitted() >> 20, (System.nanoTime() - start) / 1_000_000,
                after.getUsed() >> 20, after.getCommitted() >> 20);
        return after.getCommitted();
    }

    private static MemoryUsage heap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    }
}
