package dev.zscope.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.zscope.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sign-in delay ({@link SignInThrottle}) and the password check behind it ({@link SignInGuard}),
 * on a clock that moves only when the test says so.
 */
class SignInThrottleTest {

    private static final String RIGHT = "right-password-1";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(clock);
    private final SignInGuard guard = new SignInGuard(passwords(), throttle);

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger guardLogger = (Logger) LoggerFactory.getLogger(SignInGuard.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        previousLevel = guardLogger.getLevel();
        guardLogger.setLevel(Level.DEBUG); // refusals too, to show they never carry the password
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root.detachAppender(logs);
        guardLogger.setLevel(previousLevel);
    }

    @Test
    void waitsAreTwoToTheFailuresBeyondFiveCappedAtThirtySeconds() {
        for (int failures = 0; failures <= 5 - 1; failures++) {
            assertThat(SignInThrottle.waitSecondsAfter(failures)).as("after %d failures", failures).isZero();
        }
        assertThat(SignInThrottle.waitSecondsAfter(5)).isEqualTo(1);
        assertThat(SignInThrottle.waitSecondsAfter(6)).isEqualTo(2);
        assertThat(SignInThrottle.waitSecondsAfter(7)).isEqualTo(4);
        assertThat(SignInThrottle.waitSecondsAfter(8)).isEqualTo(8);
        assertThat(SignInThrottle.waitSecondsAfter(9)).isEqualTo(16);
        assertThat(SignInThrottle.waitSecondsAfter(10)).isEqualTo(30);
        assertThat(SignInThrottle.waitSecondsAfter(11)).isEqualTo(30);
        assertThat(SignInThrottle.waitSecondsAfter(1_000)).isEqualTo(30);
        assertThat(SignInThrottle.waitSecondsAfter(Integer.MAX_VALUE)).isEqualTo(30);
    }

    /**
     * The fault suite's "1,000 sign-in attempts": an attacker tries 1,000 wrong passwords for
     * {@code admin} from one address, each as soon as allowed. The waits grow 1, 2, 4, 8, 16 s and
     * stay at 30 s; an attempt during a wait is refused without its password being checked, even
     * the right one; one pair is remembered; and the right password works once the wait is over.
     */
    @Test
    void thousandWrongPasswordsForAdminFromOneAddress() {
        List<Long> waitsAfterFailure = new ArrayList<>();
        long start = clock.millis();
        for (int i = 1; i <= 1_000; i++) {
            Authentication wrong = attempt("admin", "wrong-password-" + i, "203.0.113.7");
            if (i > 5) {
                // Straight after a failure: refused unchecked, and told how long to wait.
                long wait = refusedWait(wrong);
                assertThat(wait).isEqualTo(SignInThrottle.waitSecondsAfter(i - 1)).isBetween(1L, 30L);
                waitsAfterFailure.add(wait);
                clock.advanceSeconds(wait - 1);
                assertThat(refusedWait(wrong)).as("a second early is still early").isEqualTo(1);
                clock.advanceSeconds(1);
            }
            assertThatThrownBy(() -> guard.authenticate(wrong)).isInstanceOf(BadCredentialsException.class);
            assertThat(throttle.failures("admin", "203.0.113.7")).isEqualTo(i);
            assertThat(throttle.size()).as("one pair, however many attempts").isEqualTo(1);
        }
        assertThat(waitsAfterFailure.subList(0, 7)).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
        assertThat(waitsAfterFailure).hasSize(995).allMatch(w -> w <= 30);
        long guessingSeconds = (clock.millis() - start) / 1000;
        assertThat(guessingSeconds).as("1,000 guesses took the attacker over 8 hours")
                .isEqualTo(1 + 2 + 4 + 8 + 16 + 990L * 30);

        // The owner, from the same address: the right password is refused unchecked during the wait...
        assertThat(refusedWait(attempt("admin", RIGHT, "203.0.113.7"))).isEqualTo(30);
        // ...and works once it is over; success forgets the failures.
        clock.advanceSeconds(30);
        Authentication signedIn = guard.authenticate(attempt("admin", RIGHT, "203.0.113.7"));
        assertThat(signedIn.isAuthenticated()).isTrue();
        assertThat(throttle.size()).isZero();
        assertThatThrownBy(() -> guard.authenticate(attempt("admin", "typo", "203.0.113.7")))
                .isInstanceOf(BadCredentialsException.class);

        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains("wrong-password-")
                || e.getFormattedMessage().contains(RIGHT));
        assertThat(warnings()).hasSize(1_001);
    }

    /** Nobody is locked out: failures from one address do not delay the user anywhere else. */
    @Test
    void anotherAddressIsNotDelayed() {
        for (int i = 0; i < 20; i++) {
            clock.advanceSeconds(30);
            assertThatThrownBy(() -> guard.authenticate(attempt("admin", "guess", "198.51.100.1")))
                    .isInstanceOf(BadCredentialsException.class);
        }

        assertThat(guard.authenticate(attempt("admin", RIGHT, "192.0.2.10")).isAuthenticated()).isTrue();
        assertThat(throttle.failures("admin", "198.51.100.1")).isEqualTo(20);
        assertThatThrownBy(() -> guard.authenticate(attempt("alice", "guess", "198.51.100.1")))
                .as("nor another username from the same address")
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void failedSignInIsLoggedWithUsernameAndAddressButNotThePassword() {
        assertThatThrownBy(() -> guard.authenticate(attempt("admin", "hunter2-secret", "192.0.2.44")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> guard.authenticate(attempt("nobody", "other-secret", "192.0.2.44")))
                .isInstanceOf(BadCredentialsException.class);

        assertThat(warnings()).containsExactly(
                "Failed sign-in for \"admin\" from 192.0.2.44 (1 in a row)",
                "Failed sign-in for \"nobody\" from 192.0.2.44 (1 in a row)");
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains("hunter2-secret")
                || e.getFormattedMessage().contains("other-secret"));
    }

    @Test
    void logLinesCannotBeForgedThroughTheUsername() {
        String forged = "x\" from 10.0.0.1 (1 in a row)\n2026-01-01 INFO Signed in admin";
        assertThatThrownBy(() -> guard.authenticate(attempt(forged, "pw", "192.0.2.45")))
                .isInstanceOf(BadCredentialsException.class);

        assertThat(warnings()).singleElement().satisfies(line -> assertThat(line)
                .doesNotContain("\n")
                .startsWith("Failed sign-in for \"x\\\" from 10.0.0.1 (1 in a row)\\u000a2026")
                .endsWith("\" from 192.0.2.45 (1 in a row)"));
    }

    @Test
    void successForgetsThePairsFailures() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> guard.authenticate(attempt("Admin", "guess", "192.0.2.2")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(refusedWait(attempt("ADMIN", RIGHT, "192.0.2.2"))).as("names compare ignoring case").isEqualTo(1);
        clock.advanceSeconds(1);

        guard.authenticate(attempt("admin", RIGHT, "192.0.2.2"));

        assertThat(throttle.failures("admin", "192.0.2.2")).isZero();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> guard.authenticate(attempt("admin", "guess", "192.0.2.2")))
                    .as("five free failures again").isInstanceOf(BadCredentialsException.class);
        }
    }

    /**
     * Parallel attempts do not multiply guesses: beyond the free failures, one attempt of a pair
     * is checked at a time, and an attempt whose outcome is never reported frees its place.
     */
    @Test
    void parallelAttemptsAreCheckedOneAtATimeOnceTheFreeFailuresAreUsed() {
        List<SignInThrottle.Attempt> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            SignInThrottle.Attempt attempt = throttle.admit("admin", "192.0.2.3");
            assertThat(attempt.admitted()).isTrue();
            inFlight.add(attempt);
        }
        SignInThrottle.Attempt sixth = throttle.admit("admin", "192.0.2.3");
        assertThat(sixth.admitted()).as("five are being checked already").isFalse();
        assertThat(sixth.waitSeconds()).isEqualTo(1);

        inFlight.forEach(SignInThrottle.Attempt::failed);
        clock.advanceSeconds(1);
        SignInThrottle.Attempt one = throttle.admit("admin", "192.0.2.3");
        SignInThrottle.Attempt two = throttle.admit("admin", "192.0.2.3");
        assertThat(one.admitted()).isTrue();
        assertThat(two.admitted()).isFalse();
        assertThat(two.waitSeconds()).as("what the wait will be if the first fails").isEqualTo(2);

        one.close(); // e.g. the user store failed: neither success nor failure
        assertThat(throttle.admit("admin", "192.0.2.3").admitted()).isTrue();
        assertThat(throttle.failures("admin", "192.0.2.3")).isEqualTo(5);
    }

    @Test
    void refusedAttemptCannotReportAnOutcome() {
        for (int i = 0; i < 5; i++) {
            throttle.admit("admin", "192.0.2.4").failed();
        }
        SignInThrottle.Attempt refused = throttle.admit("admin", "192.0.2.4");

        assertThatThrownBy(refused::failed).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(refused::succeeded).isInstanceOf(IllegalStateException.class);
        assertThat(throttle.failures("admin", "192.0.2.4")).isEqualTo(5);
    }

    @Test
    void aPairIsForgottenFifteenMinutesAfterItsLastAttempt() {
        for (int i = 0; i < 8; i++) {
            clock.advanceSeconds(30);
            throttle.admit("admin", "192.0.2.5").failed();
        }
        clock.advanceSeconds(15 * 60 - 1);
        throttle.admit("someone", "192.0.2.6").close();
        assertThat(throttle.failures("admin", "192.0.2.5")).isEqualTo(8);

        clock.advanceSeconds(15 * 60);
        throttle.admit("someone", "192.0.2.6").close();

        assertThat(throttle.size()).isZero();
        assertThat(throttle.admit("admin", "192.0.2.5").admitted()).isTrue();
    }

    /**
     * Memory stays bounded whatever an attacker cycles through: 200,000 usernames from 200,000
     * addresses leave at most the capacity remembered, and a pair under attack is not pushed out
     * by them, because its own attempts keep it recent.
     */
    @Test
    void manyUsernamesAndAddressesStayWithinTheCapacity() {
        int capacity = SignInThrottle.DEFAULT_CAPACITY;
        for (int i = 0; i < 200_000; i++) {
            throttle.admit("user-" + i, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)).failed();
            if (i % 1_000 == 0) {
                SignInThrottle.Attempt admin = throttle.admit("admin", "192.0.2.7");
                if (admin.admitted()) {
                    admin.failed();
                }
            }
            assertThat(throttle.size()).isLessThanOrEqualTo(capacity);
        }
        assertThat(throttle.size()).isEqualTo(capacity);
        assertThat(throttle.failures("admin", "192.0.2.7")).as("the attacked pair was kept").isEqualTo(5);
        assertThat(throttle.failures("user-0", "10.0.0.0")).as("the oldest were forgotten").isZero();

        String huge = "n".repeat(1_000_000);
        throttle.admit(huge, "192.0.2.8").failed();
        assertThat(throttle.failures(huge.substring(0, SignInThrottle.MAX_USERNAME_LENGTH) + "other", "192.0.2.8"))
                .as("names are cut to %d characters", SignInThrottle.MAX_USERNAME_LENGTH).isEqualTo(1);
    }

    private long refusedWait(Authentication authentication) {
        try {
            guard.authenticate(authentication);
        } catch (SignInDelayedException e) {
            assertThat(e.getMessage()).isEqualTo("Too many failed sign-ins, try again in " + e.waitSeconds() + " s");
            return e.waitSeconds();
        }
        throw new AssertionError("expected the attempt to be refused");
    }

    private List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .filter(e -> e.getLoggerName().equals(SignInGuard.class.getName()))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Authentication attempt(String username, String password, String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setRemoteAddr(address);
        var token = UsernamePasswordAuthenticationToken.unauthenticated(username, password);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }

    private static DaoAuthenticationProvider passwords() {
        var users = new InMemoryUserDetailsManager(
                User.withUsername("admin").password("{noop}" + RIGHT).roles("ADMIN").build(),
                User.withUsername("alice").password("{noop}alice-pw").roles("VIEWER").build());
        var provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        return provider;
    }
}
