package dev.zscope.ui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How many browser tabs (UIs) one session and one user may hold open, as plain bookkeeping: each
 * open admits a tab and names the tabs to close, the oldest first, so the newest always works. A
 * server-side UI holds its components and a live subscription, so without a cap one signed-in
 * viewer opening tabs in a loop could fill the heap (it once took a server down in a minute).
 *
 * @param <T> what identifies a tab
 */
final class UiBudget<T> {

    private final int perSession;
    private final int perUser;
    private final Map<Object, Deque<T>> bySession = new HashMap<>();
    private final Map<String, Deque<T>> byUser = new HashMap<>();

    UiBudget(int perSession, int perUser) {
        this.perSession = perSession;
        this.perUser = perUser;
    }

    /** Admits {@code tab} of {@code session} and {@code user}; returns the tabs to close. */
    synchronized List<T> admit(Object session, String user, T tab) {
        List<T> close = new ArrayList<>();
        Deque<T> inSession = bySession.computeIfAbsent(session, s -> new ArrayDeque<>());
        inSession.addLast(tab);
        while (inSession.size() > perSession) {
            close.add(inSession.removeFirst());
        }
        Deque<T> ofUser = byUser.computeIfAbsent(user, u -> new ArrayDeque<>());
        ofUser.removeAll(close);
        ofUser.addLast(tab);
        while (ofUser.size() > perUser) {
            T oldest = ofUser.removeFirst();
            close.add(oldest);
            inSessionOf(oldest);
        }
        return close;
    }

    /** Forgets a tab that closed. */
    synchronized void release(T tab) {
        remove(bySession, tab);
        remove(byUser, tab);
    }

    /** Tabs open, for tests and diagnostics. */
    synchronized int open() {
        return bySession.values().stream().mapToInt(Deque::size).sum();
    }

    private void inSessionOf(T tab) {
        remove(bySession, tab);
    }

    private static <K, T> void remove(Map<K, Deque<T>> index, T tab) {
        for (Iterator<Deque<T>> it = index.values().iterator(); it.hasNext(); ) {
            Deque<T> tabs = it.next();
            tabs.remove(tab);
            if (tabs.isEmpty()) {
                it.remove();
            }
        }
    }
}
