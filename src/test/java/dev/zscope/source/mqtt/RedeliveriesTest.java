package dev.zscope.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Redeliveries after a reconnect are recognised; the same payload sent anew is not. */
class RedeliveriesTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void whatArrivesAgainFirstAfterAReconnectIsARedelivery() {
        Redeliveries r = new Redeliveries(10);
        r.reconnected();
        assertThat(r.isRedelivery("s/a/v", b("1"))).isFalse();
        assertThat(r.isRedelivery("s/a/v", b("2"))).isFalse();
        assertThat(r.isRedelivery("s/a/v", b("2"))).as("the same value again on the same connection is new").isFalse();
        r.reconnected();
        assertThat(r.isRedelivery("s/a/v", b("2"))).isTrue();
        assertThat(r.isRedelivery("s/a/v", b("2"))).isTrue();
        assertThat(r.isRedelivery("s/a/v", b("3"))).isFalse();
        assertThat(r.isRedelivery("s/a/v", b("1"))).as("after the first new message, everything is new").isFalse();
    }

    @Test
    void onlyTheLastCapacityMessagesAreRemembered() {
        Redeliveries r = new Redeliveries(2);
        r.reconnected();
        r.isRedelivery("t", b("1"));
        r.isRedelivery("t", b("2"));
        r.isRedelivery("t", b("3"));
        r.reconnected();
        assertThat(r.isRedelivery("t", b("1"))).isFalse();
    }

    @Test
    void topicAndPayloadBothCount() {
        Redeliveries r = new Redeliveries(10);
        r.reconnected();
        r.isRedelivery("a", b("1"));
        r.reconnected();
        assertThat(r.isRedelivery("b", b("1"))).isFalse();
        assertThat(Redeliveries.hash("ab", b("c"))).isNotEqualTo(Redeliveries.hash("a", b("bc")));
    }
}
