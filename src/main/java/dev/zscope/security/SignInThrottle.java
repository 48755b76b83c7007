package dev.zscope.security;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Slows password guessing down without ever locking an account: a delay, not a lockout.
 *
 * <p>Failures are counted per (username, client address). The first {@value #FREE_FAILURES} in a
 * row cost nothing; after that, each further attempt of that pair is checked only once
 * 2<sup>n</sup> s have passed since the last failure, n being the failures beyond
 * {@value #FREE_FAILURES} (1, 2, 4, 8, 16 s, then {@value #MAX_WAIT_SECONDS} s at most). An
 * attempt made earlier is refused at once, without checking its password, with the seconds still
 * to wait; it does not count as a failure. A success forgets the pair's failures.
 *
 * <p>Why refuse rather than hold the request: a held request would tie up a server thread (or an
 * async slot) for up to 30 s per attempt, so a few hundred parallel attempts would exhaust the
 * server, and every held attempt would still be checked in the end, so parallel attempts would
 * multiply an attacker's guesses. Refusing costs nothing, and at most one attempt per pair is
 * being checked at any time once the free failures are used up. Nobody is locked out: the wait
 * never exceeds {@value #MAX_WAIT_SECONDS} s, and failures from other addresses do not delay a
 * user at all.
 *
 * <p>Memory is bounded: at most {@code capacity} pairs are remembered (least recently tried pair
 * forgotten first), a pair is forgotten {@value #FORGET_AFTER_MINUTES} minutes after its last
 * attempt, and usernames are cut to {@value #MAX_USERNAME_LENGTH} characters. A pair that is
 * being tried stays recently used, so cycling through other names or addresses to push it out
 * means at least {@code capacity} guesses elsewhere, each checked at full cost.
 *
 * <p>Thread-safe; the password check itself runs outside this object's lock.
 */
final class SignInThrottle {

    /** Failures in a row that cost no wait. */
    static final int FREE_FAILURES = 5;

    /** The longest wait between two checked attempts of one pair. */
    static final long MAX_WAIT_SECONDS = 30;

    /** A pair without any attempt for this long starts afresh. */
    static final long FORGET_AFTER_MINUTES = 15;

    /** Pairs remembered by default, a few hundred bytes each. */
    static final int DEFAULT_CAPACITY = 10_000;

    /** Longer usernames are cut: no account has one, and a key must not hold megabytes. */
    static final int MAX_USERNAME_LENGTH = 128;

    /** An IPv6 address with a zone fits; anything longer is cut. */
    static final int MAX_ADDRESS_LENGTH = 64;

    private static final long FORGET_AFTER_MILLIS = FORGET_AFTER_MINUTES * 60_000;

    private final Clock clock;
    private final int capacity;
    private final LinkedHashMap<Key, Pair> pairs;

    SignInThrottle(Clock clock) {
        this(clock, DEFAULT_CAPACITY);
    }

    SignInThrottle(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.clock = clock;
        this.capacity = capacity;
        // Access order: the head is the pair tried least recently, so the first to expire or go.
        this.pairs = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Pair> eldest) {
                return size() > SignInThrottle.this.capacity;
            }
        };
    }

    /**
     * The wait before the next attempt is checked, after {@code failures} failures in a row:
     * 0 for the first {@value #FREE_FAILURES}, then 2^(failures - {@value #FREE_FAILURES}) s, at most
     * {@value #MAX_WAIT_SECONDS} s.
     */
    static long waitSecondsAfter(int failures) {
        int beyond = failures - FREE_FAILURES;
        if (beyond < 0) {
            return 0;
        }
        return beyond >= 6 ? MAX_WAIT_SECONDS : Math.min(MAX_WAIT_SECONDS, 1L << beyond);
    }

    /**
     * Asks whether an attempt of {@code username} from {@code address} may be checked now. Every
     * admitted attempt must end with {@link Attempt#succeeded()}, {@link Attempt#failed()} or
     * {@link Attempt#close()}.
     */
    synchronized Attempt admit(String username, String address) {
        long now = clock.millis();
        forgetExpired(now);
        Key key = Key.of(username, address);
        Pair pair = pairs.get(key);
        if (pair == null) {
            pair = new Pair();
            pairs.put(key, pair);
        }
        pair.lastAttempt = now;
        boolean free = pair.failures + pair.inFlight < FREE_FAILURES;
        if (free || (pair.inFlight == 0 && now >= pair.notBefore)) {
            pair.inFlight++;
            return new Attempt(key, 0);
        }
        long wait = pair.inFlight == 0
                ? ceilSeconds(pair.notBefore - now)
                // Another attempt of this pair is being checked; if it fails, this is the wait.
                : Math.max(1, waitSecondsAfter(pair.failures + pair.inFlight));
        return new Attempt(key, wait);
    }

    /** How many pairs are remembered now. */
    synchronized int size() {
        return pairs.size();
    }

    /** The failures in a row remembered for this pair (0 when it is not remembered). */
    synchronized int failures(String username, String address) {
        Pair pair = pairs.get(Key.of(username, address));
        return pair == null ? 0 : pair.failures;
    }

    private synchronized Failure recordFailure(Key key) {
        long now = clock.millis();
        Pair pair = pairs.get(key);
        if (pair == null) { // pushed out meanwhile: start again from this failure
            pair = new Pair();
            pairs.put(key, pair);
        } else if (pair.inFlight > 0) {
            pair.inFlight--;
        }
        pair.failures++;
        pair.lastAttempt = now;
        long wait = waitSecondsAfter(pair.failures);
        pair.notBefore = now + wait * 1000;
        return new Failure(pair.failures, wait);
    }

    private synchronized void recordSuccess(Key key) {
        pairs.remove(key);
    }

    private synchronized void release(Key key) {
        Pair pair = pairs.get(key);
        if (pair != null && pair.inFlight > 0) {
            pair.inFlight--;
            if (pair.inFlight == 0 && pair.failures == 0) {
                pairs.remove(key);
            }
        }
    }

    /** Drops pairs not tried for {@value #FORGET_AFTER_MINUTES} minutes, oldest first. */
    private void forgetExpired(long now) {
        Iterator<Pair> it = pairs.values().iterator();
        while (it.hasNext()) {
            Pair pair = it.next();
            if (pair.inFlight > 0 || now - pair.lastAttempt < FORGET_AFTER_MILLIS) {
                return;
            }
            it.remove();
        }
    }

    private static long ceilSeconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    /** What one failure changed: failures in a row now, and the wait before the next check. */
    record Failure(int failuresInARow, long waitSeconds) {
    }

    /**
     * One sign-in attempt. If {@link #admitted()}, its password may be checked, and its outcome
     * must be reported; otherwise {@link #waitSeconds()} says when to try again.
     */
    final class Attempt implements AutoCloseable {

        private final Key key;
        private final long waitSeconds;
        private boolean done;

        private Attempt(Key key, long waitSeconds) {
            this.key = key;
            this.waitSeconds = waitSeconds;
            this.done = waitSeconds > 0;
        }

        boolean admitted() {
            return waitSeconds == 0;
        }

        /** Seconds until this pair's next attempt will be checked; 0 if this one is admitted. */
        long waitSeconds() {
            return waitSeconds;
        }

        /** The password was wrong (or the account unusable): counts one failure. */
        Failure failed() {
            requireOpen();
            done = true;
            return recordFailure(key);
        }

        /** Signed in: the pair's failures are forgotten. */
        void succeeded() {
            requireOpen();
            done = true;
            recordSuccess(key);
        }

        /** Ends an attempt whose outcome was not reported (e.g. an error): it counts as nothing. */
        @Override
        public void close() {
            if (!done) {
                done = true;
                release(key);
            }
        }

        private void requireOpen() {
            if (done) {
                throw new IllegalStateException("this attempt was refused or has ended");
            }
        }
    }

    /** Usernames compare ignoring case, as the user store finds them. */
    private record Key(String username, String address) {
        static Key of(String username, String address) {
            String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
            if (name.length() > MAX_USERNAME_LENGTH) {
                name = name.substring(0, MAX_USERNAME_LENGTH);
            }
            String from = address == null ? "" : address;
            if (from.length() > MAX_ADDRESS_LENGTH) {
                from = from.substring(0, MAX_ADDRESS_LENGTH);
            }
            return new Key(name, from);
        }
    }

    private static final class Pair {
        int failures;
        int inFlight;
        long notBefore;
        long lastAttempt;
    }
}
