package dev.zscope.engine;

import java.util.List;

/**
 * What a subscriber receives per delivery: the new points since its last batch (oldest first),
 * how many it missed (drop-oldest), and the stream's status at delivery time.
 */
public record EngineBatch(List<StreamPoint> points, long dropped, StreamStatus status) {

    public EngineBatch {
        points = List.copyOf(points);
    }
}
