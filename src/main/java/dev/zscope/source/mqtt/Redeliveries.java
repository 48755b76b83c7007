package dev.zscope.source.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Recognises QoS 1 redeliveries, so that a message is not counted twice. A broker sends again, right
 * after a reconnect and before anything new, the messages whose acknowledgement it did not get;
 * Zscope may have written those already (it acknowledges after writing, and the connection can drop
 * in between). So this remembers the last {@code capacity} messages received (topic and payload, as
 * a 64-bit hash), and after a reconnect treats arrivals that match one received on an earlier
 * connection as redeliveries, until the first one that does not match: from then on everything is
 * new. The capacity is the receive maximum, the most messages the broker may have unacknowledged.
 */
final class Redeliveries {

    private final int capacity;
    private final ArrayDeque<long[]> recent = new ArrayDeque<>(); // {hash, connection}
    private long connection;
    private boolean replaying;

    Redeliveries(int capacity) {
        this.capacity = capacity;
    }

    /** A new connection: what arrives first may be sent again. */
    synchronized void reconnected() {
        connection++;
        replaying = !recent.isEmpty();
    }

    /** Whether this arrival is a message already received; remembers it otherwise. */
    synchronized boolean isRedelivery(String topic, byte[] payload) {
        long hash = hash(topic, payload);
        if (replaying) {
            for (var it = recent.iterator(); it.hasNext(); ) {
                long[] r = it.next();
                if (r[0] == hash && r[1] < connection) {
                    it.remove();
                    return true;
                }
            }
            replaying = false;
        }
        recent.addLast(new long[] {hash, connection});
        if (recent.size() > capacity) {
            recent.removeFirst();
        }
        return false;
    }

    static long hash(String topic, byte[] payload) {
        long h = 0xcbf29ce484222325L; // FNV-1a, 64 bits
        for (byte b : topic.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ 0xff) * 0x100000001b3L; // separator: no topic byte is 0xff in UTF-8
        for (byte b : payload) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }
}
