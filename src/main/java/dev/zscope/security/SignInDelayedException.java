package dev.zscope.security;

import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in attempt refused, without checking its password, because its (username, address) pair
 * failed too often lately; see {@link SignInThrottle}. Its message never names the user.
 */
final class SignInDelayedException extends AuthenticationException {

    private final long waitSeconds;

    SignInDelayedException(long waitSeconds) {
        super("Too many failed sign-ins, try again in " + waitSeconds + " s");
        this.waitSeconds = waitSeconds;
    }

    /** Seconds until the next attempt of the same pair will be checked, at least 1. */
    long waitSeconds() {
        return waitSeconds;
    }
}
