package dev.zscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UiBudgetTest {

    @Test
    void theEleventhTabOfASessionClosesTheOldest() {
        UiBudget<Integer> budget = new UiBudget<>(10, 30);
        List<Integer> closed = new ArrayList<>();
        for (int tab = 1; tab <= 15; tab++) {
            closed.addAll(budget.admit("session", "victor", tab));
        }
        assertThat(closed).containsExactly(1, 2, 3, 4, 5);
        assertThat(budget.open()).isEqualTo(10);
    }

    /** One user cannot get round the session cap with many sessions (cookies thrown away). */
    @Test
    void oneUserAcrossSessionsIsCappedToo() {
        UiBudget<Integer> budget = new UiBudget<>(10, 30);
        List<Integer> closed = new ArrayList<>();
        for (int tab = 1; tab <= 100; tab++) {
            closed.addAll(budget.admit("session-" + tab, "victor", tab));
        }
        assertThat(budget.open()).isEqualTo(30);
        assertThat(closed).hasSize(70).startsWith(1, 2, 3);
        budget.admit("other", "alice", 1000);
        assertThat(budget.open()).as("another user is not affected").isEqualTo(31);
    }

    @Test
    void aReleasedTabFreesItsPlace() {
        UiBudget<Integer> budget = new UiBudget<>(2, 30);
        budget.admit("s", "u", 1);
        budget.admit("s", "u", 2);
        budget.release(1);
        assertThat(budget.admit("s", "u", 3)).isEmpty();
        assertThat(budget.admit("s", "u", 4)).containsExactly(2);
    }
}
