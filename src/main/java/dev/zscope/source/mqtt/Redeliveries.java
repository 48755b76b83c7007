package dev.zscope.source.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Recognises the QoS 1 resends that would count a point twice. The HiveMQ client itself never hands
 * over again a message the source has not acknowledged yet (it keeps the packet identifier across a
 * reconnect). What remains is a message written and acknowledged just before the connection dropped,
 * whose acknowledgement never reached the broker: the broker sends it again first thing after the
 * reconnect. So this remembers the messages acknowledged (topic and payload as a 64-bit hash, with
 * the connection and time), and after a reconnect treats the first arrivals of the new connection
 * that match one acknowledged in the last {@link #WINDOW_MILLIS} of the previous connection as
 * resends, until the first one that does not match: from then on everything is new.
 *
 * <p>Without the DUP flag (the client does not expose it) this is a judgement: a device that
 * publishes the same payload while Zscope is disconnected, right after the same payload was
 * acknowledged, loses that one point. The window keeps that to the seconds before a drop; JSON
 * payloads with a timestamp are deduplicated by time anyway ({@link MqttBatch}).
 */
final class Redeliveries {

    /** How recent an acknowledgement must be, before a disconnect, to be one the broker may not have. */
    static final long WINDOW_MILLIS = 10_000;

    private final int capacity;
    private final ArrayDeque<long[]> acked = new ArrayDeque<>(); // {hash, connection, millis}
    private long connection;
    private long disconnectedAt = Long.MAX_VALUE;
    private boolean replaying;

    Redeliveries(int capacity) {
        this.capacity = capacity;
    }

    /** The connection now (numbered from 1 at the first); arrivals are tagged with it. */
    synchronized long connection() {
        return connection;
    }

    /** The connection dropped at {@code millis}. */
    synchronized void disconnected(long millis) {
        disconnectedAt = Math.min(disconnectedAt, millis);
    }

    /** A new connection: its first arrivals may be resends of what was acknowledged last. */
    synchronized void reconnected() {
        connection++;
        long previous = connection - 1;
        long since = disconnectedAt == Long.MAX_VALUE ? Long.MIN_VALUE : disconnectedAt - WINDOW_MILLIS;
        acked.removeIf(r -> r[1] != previous || r[2] < since);
        replaying = !acked.isEmpty();
        disconnectedAt = Long.MAX_VALUE;
    }

    /** A message was written and acknowledged at {@code millis}. */
    synchronized void acknowledged(String topic, byte[] payload, long millis) {
        acked.addLast(new long[] {hash(topic, payload), connection, millis});
        if (acked.size() > capacity) {
            acked.removeFirst();
        }
    }

    /**
     * Whether this arrival, received on connection {@code arrivedOn}, is a resend of a message
     * already written. Arrivals of an earlier connection still waiting in the queue never are.
     */
    synchronized boolean isRedelivery(String topic, byte[] payload, long arrivedOn) {
        if (!replaying || arrivedOn != connection) {
            return false;
        }
        long hash = hash(topic, payload);
        for (var it = acked.iterator(); it.hasNext(); ) {
            long[] r = it.next();
            if (r[0] == hash && r[1] < connection) {
                it.remove();
                return true;
            }
        }
        replaying = false;
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
