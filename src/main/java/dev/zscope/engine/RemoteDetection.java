package dev.zscope.engine;

import java.util.concurrent.CompletableFuture;

/**
 * Detection that runs elsewhere: in cluster mode the engine of a web node judges nothing itself but
 * hands every point written into it to this outlet (Kafka), and learns of verdicts and anomalies
 * later through {@link DetectionEngine#judged} and {@link DetectionEngine#announce}. Sources keep
 * writing into the engine as always, so every source works in both modes without knowing which.
 * The engine defines it so that it need not know who implements it.
 */
public interface RemoteDetection {

    /**
     * Sends {@code times[from..to)} and {@code values[from..to)} of {@code stream}, oldest first. The
     * future completes once the points are kept where they will be judged (acknowledged by every
     * in-sync replica), or fails when they could not be sent.
     *
     * @param injected per point whether the simulator injected an anomaly there, or null for none
     * @param backfill whether these are points of the stream's past that train but raise nothing
     */
    CompletableFuture<Void> send(String stream, long[] times, double[] values, boolean[] injected, int from, int to,
                                 boolean backfill);

    /**
     * Whether sources that produce points by themselves (the simulator, pull sources) run on this
     * node: on exactly one node of a cluster, so that each point enters once.
     */
    boolean sourcesHere();
}
