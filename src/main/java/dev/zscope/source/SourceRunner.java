package dev.zscope.source;

/** A running source: started once, stopped once, asked how it is doing at any time from any thread. */
public interface SourceRunner {

    void start();

    /** Stops reading and releases its threads and connections; waits briefly for a write under way. */
    void stop();

    SourceHealth health();
}
