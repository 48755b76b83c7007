package dev.zscope.engine;

/**
 * A subscription to the engine-wide feed that can also follow one stream's points, for a browser:
 * one delivery per interval carries both, so a page gets one push whatever it shows.
 */
public interface LiveSubscription extends Subscription {

    /**
     * Follows {@code stream} from now on (null: no stream), starting with up to {@code backlog} of its
     * recent points; a stream that does not exist is followed as null.
     */
    void follow(String stream, int backlog);
}
