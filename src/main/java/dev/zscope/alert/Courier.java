package dev.zscope.alert;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Carries notifications to their channels off the evaluator's thread: each delivery runs on its own
 * (virtual) thread, at most {@value #PER_CHANNEL} at a time per channel, so a slow or failing
 * channel holds up neither the engine, nor the evaluator, nor the other channels. How each went is
 * handed back to the evaluator, which alone decides what to send next.
 */
final class Courier {

    static final int PER_CHANNEL = 4;

    /** How a delivery went. */
    record Outcome(ChannelNotifier.Send send, boolean ok, boolean retryable, String error) {
    }

    private final Executor executor;
    private final Consumer<Outcome> outcomes;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

    Courier(Executor executor, Consumer<Outcome> outcomes) {
        this.executor = executor;
        this.outcomes = outcomes;
    }

    void send(Channel channel, ChannelNotifier.Send send) {
        try {
            executor.execute(() -> deliver(channel, send));
        } catch (RejectedExecutionException stopping) {
            outcomes.accept(new Outcome(send, false, true, "the server is stopping"));
        }
    }

    private void deliver(Channel channel, ChannelNotifier.Send send) {
        Semaphore p = permits.computeIfAbsent(send.channel().name(), k -> new Semaphore(PER_CHANNEL));
        try {
            p.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcomes.accept(new Outcome(send, false, true, "the server is stopping"));
            return;
        }
        Outcome outcome;
        try {
            channel.send(send.notice());
            outcome = new Outcome(send, true, false, null);
        } catch (Channel.DeliveryException e) {
            outcome = new Outcome(send, false, e.retryable(), e.getMessage());
        } catch (RuntimeException e) {
            outcome = new Outcome(send, false, true, "failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Secrets.scrub(e.getMessage(), send.channel().url())));
        } finally {
            p.release();
        }
        outcomes.accept(outcome);
    }
}
