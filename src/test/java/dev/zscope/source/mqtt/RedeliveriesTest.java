package dev.zscope.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Resends after a reconnect of what was acknowledged just before the drop are recognised; the same
 * payload sent anew, acknowledged long before the drop, or still queued from the old connection is not.
 */
class RedeliveriesTest {

    private static final long T = 1_000_000;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void whatWasAcknowledgedLastAndArrivesFirstAfterAReconnectIsAResend() {
        Redeliveries r = new Redeliveries(10);
        r.reconnected();
        long first = r.connection();
        for (String v : new String[] {"1", "2", "2"}) {
            assertThat(r.isRedelivery("s/a/v", b(v), first)).as("nothing is a resend on one connection").isFalse();
            r.acknowledged("s/a/v", b(v), T);
        }
        r.disconnected(T + 1_000);
        r.reconnected();
        long second = r.connection();
        assertThat(r.isRedelivery("s/a/v", b("2"), second)).isTrue();
        assertThat(r.isRedelivery("s/a/v", b("2"), second)).isTrue();
        assertThat(r.isRedelivery("s/a/v", b("3"), second)).isFalse();
        assertThat(r.isRedelivery("s/a/v", b("1"), second)).as("after the first new message, everything is new").isFalse();
    }

    @Test
    void acknowledgementsLongBeforeTheDropAreNotResent() {
        Redeliveries r = new Redeliveries(10);
        r.reconnected();
        r.acknowledged("t", b("21.5"), T);
        r.disconnected(T + Redeliveries.WINDOW_MILLIS + 1);
        r.reconnected();
        assertThat(r.isRedelivery("t", b("21.5"), r.connection())).as("a new reading with the same value").isFalse();
    }

    @Test
    void arrivalsOfTheOldConnectionStillQueuedAreNeverResends() {
        Redeliveries r = new Redeliveries(10);
        r.reconnected();
        long old = r.connection();
        r.acknowledged("t", b("1"), T);
        r.disconnected(T);
        r.reconnected();
        assertThat(r.isRedelivery("t", b("1"), old)).isFalse();
        assertThat(r.isRedelivery("t", b("1"), r.connection())).isTrue();
    }

    @Test
    void onlyTheLastCapacityAcknowledgementsAreRemembered() {
        Redeliveries r = new Redeliveries(2);
        r.reconnected();
        r.acknowledged("t", b("1"), T);
        r.acknowledged("t", b("2"), T);
        r.acknowledged("t", b("3"), T);
        r.disconnected(T);
        r.reconnected();
        assertThat(r.isRedelivery("t", b("1"), r.connection())).isFalse();
    }

    @Test
    void topicAndPayloadBothCount() {
        Redeliveries r = new Redeliveries(10);
        r.reconnected();
        r.acknowledged("a", b("1"), T);
        r.disconnected(T);
        r.reconnected();
        assertThat(r.isRedelivery("b", b("1"), r.connection())).isFalse();
        assertThat(Redeliveries.hash("ab", b("c"))).isNotEqualTo(Redeliveries.hash("a", b("bc")));
    }
}
