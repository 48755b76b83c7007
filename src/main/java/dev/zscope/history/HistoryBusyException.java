package dev.zscope.history;

/** Too many reads of the point store at once: ask again in a moment. */
public class HistoryBusyException extends RuntimeException {

    public HistoryBusyException() {
        super("the point store is busy with other reads; try again in a few seconds");
    }
}
