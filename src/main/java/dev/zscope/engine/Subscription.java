package dev.zscope.engine;

/** A live subscription to the engine; closing it unsubscribes (idempotent). */
public interface Subscription extends AutoCloseable {

    /** Points this subscriber missed because it fell further behind than the history holds. */
    long dropped();

    @Override
    void close();
}
