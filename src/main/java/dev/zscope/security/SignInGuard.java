package dev.zscope.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The form login's password check, behind {@link SignInThrottle}: an attempt of a (username,
 * client address) pair that is still waiting is refused with {@link SignInDelayedException}
 * before its password is looked at; every checked failure is counted and logged.
 *
 * <p>A failure is logged at WARN on logger {@code dev.zscope.security.SignInGuard} with the
 * username (quoted, control characters escaped, at most 100 characters) and the client address,
 * never the password. Refused attempts are logged at DEBUG only, since they cost an attacker
 * nothing and would otherwise flood the log.
 */
final class SignInGuard implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(SignInGuard.class);

    /** The longest username written to the log, so that a huge one cannot fill it. */
    private static final int MAX_LOGGED_USERNAME = 100;

    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;

    /**
     * @param passwords checks the username and password (a {@code DaoAuthenticationProvider})
     * @param throttle decides which attempts are checked
     */
    SignInGuard(AuthenticationProvider passwords, SignInThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String address = clientAddress(authentication);
        try (SignInThrottle.Attempt attempt = throttle.admit(username, address)) {
            if (!attempt.admitted()) {
                log.debug("Sign-in for {} from {} refused unchecked: next check in {} s",
                        forLog(username), address, attempt.waitSeconds());
                throw new SignInDelayedException(attempt.waitSeconds());
            }
            Authentication result;
            try {
                result = passwords.authenticate(authentication);
            } catch (AuthenticationException e) {
                SignInThrottle.Failure failure = attempt.failed();
                if (failure.waitSeconds() > 0) {
                    log.warn("Failed sign-in for {} from {} ({} in a row; the next attempt is checked in {} s)",
                            forLog(username), address, failure.failuresInARow(), failure.waitSeconds());
                } else {
                    log.warn("Failed sign-in for {} from {} ({} in a row)",
                            forLog(username), address, failure.failuresInARow());
                }
                throw e;
            }
            if (result != null) {
                attempt.succeeded();
            }
            return result;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication)
                && passwords.supports(authentication);
    }

    /** The address the form login recorded (the request's remote address), or "unknown". */
    static String clientAddress(Authentication authentication) {
        if (authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null) {
            return forLogPlain(details.getRemoteAddress());
        }
        return "unknown";
    }

    /** The username in double quotes, with quotes, backslashes and control characters escaped. */
    static String forLog(String username) {
        String name = username == null ? "" : username;
        boolean cut = name.length() > MAX_LOGGED_USERNAME;
        return "\"" + forLogPlain(cut ? name.substring(0, MAX_LOGGED_USERNAME) : name) + (cut ? "…" : "") + "\"";
    }

    private static String forLogPlain(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
