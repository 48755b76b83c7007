package dev.zscope.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history read-back starts after the first answered request, once, and not before it. */
class HistoryAfterFirstRequestTest {

    @Test
    void theFirstAnsweredRequestStartsTheReadBackOnce() throws Exception {
        List<String> events = new ArrayList<>();
        HistoryAfterFirstRequest filter = new HistoryAfterFirstRequest(() -> events.add("read-back"));
        FilterChain chain = (request, response) -> events.add("served");
        for (int i = 0; i < 3; i++) {
            filter.doFilter(null, null, chain);
        }
        assertThat(events).containsExactly("served", "read-back", "served", "served");
    }

    @Test
    void aFailedFirstRequestStartsItToo() {
        List<String> events = new ArrayList<>();
        HistoryAfterFirstRequest filter = new HistoryAfterFirstRequest(() -> events.add("read-back"));
        FilterChain failing = (request, response) -> {
            throw new IllegalStateException("boom");
        };
        assertThatThrownBy(() -> filter.doFilter(null, null, failing)).hasMessage("boom");
        assertThat(events).containsExactly("read-back");
    }
}
