package dev.zscope.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Turns {@link SecurityProperties} into the accounts Spring Security checks sign-ins against.
 *
 * <p>Configured passwords must be hashes in Spring's {@code {id}hash} form with an id the
 * delegating encoder knows ({@code {bcrypt}}, {@code {argon2}}, {@code {pbkdf2}}, ...). A plain-text
 * value stops the start with a message that names the user but never the value: a secret typed
 * into a configuration file should be noticed, not silently accepted. {@code {noop}} (plain text,
 * explicitly marked) is accepted for local experiments, with a warning at every start.
 *
 * <p>With no users configured, the only account is {@code admin} (ADMIN), whose password comes
 * from {@link AdminPasswordBootstrap}.
 */
final class UserAccounts {

    private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);

    /** {@code {id}} followed by something: the shape Spring's DelegatingPasswordEncoder reads. */
    private static final Pattern HASH_FORM = Pattern.compile("\\{[^{}\\s]+}\\S+");

    /** What Spring's BCryptPasswordEncoder accepts; anything else can never match. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./0-9A-Za-z]{53}");

    private UserAccounts() {
    }

    /** Whether {@code value} has Spring's {@code {id}hash} shape (the id itself is not checked). */
    static boolean isHashForm(String value) {
        return value != null && HASH_FORM.matcher(value).matches();
    }

    /**
     * Whether {@code value} has the hash form and, for {@code {bcrypt}}, a complete hash: a stored
     * hash cut short still has the form, yet no password would ever match it.
     */
    static boolean isCompleteHash(String value) {
        return isHashForm(value)
                && (!value.startsWith("{bcrypt}") || BCRYPT.matcher(value.substring("{bcrypt}".length())).matches());
    }

    /**
     * Builds the user store.
     *
     * @param adminPasswordHash consulted only when no users are configured, so that a configured
     *     install never generates, stores or logs an admin password
     * @throws IllegalStateException if a configured password is not a usable hash, or a username
     *     appears twice
     */
    static InMemoryUserDetailsManager create(SecurityProperties properties, PasswordEncoder encoder,
                                             Supplier<String> adminPasswordHash) {
        if (properties.users().isEmpty()) {
            return new InMemoryUserDetailsManager(
                    user(AdminPasswordBootstrap.ADMIN_USERNAME, adminPasswordHash.get(), Set.of(Role.ADMIN)));
        }
        List<UserDetails> users = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < properties.users().size(); i++) {
            SecurityProperties.User configured = properties.users().get(i);
            String where = "zscope.security.users[" + i + "] ('" + configured.username() + "')";
            if (!seen.add(configured.username())) {
                throw new IllegalStateException(where + ": the username appears more than once.");
            }
            checkPassword(where, configured.password(), encoder);
            users.add(user(configured.username(), configured.password(), configured.roles()));
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static void checkPassword(String where, String password, PasswordEncoder encoder) {
        if (!isHashForm(password)) {
            throw new IllegalStateException(where + ": the password must be a hash in Spring's {id}hash "
                    + "form, e.g. {bcrypt}$2a$10$..., not plain text. Make one with "
                    + "htpasswd -bnBC 10 \"\" 'your-password' | tr -d ':\\n' and prefix it with {bcrypt}.");
        }
        if (password.startsWith("{bcrypt}") && !BCRYPT.matcher(password.substring("{bcrypt}".length())).matches()) {
            throw new IllegalStateException(where + ": the {bcrypt} hash is malformed (expected $2a$, $2b$ or "
                    + "$2y$, a two-digit cost, $ and 53 characters); nobody could sign in with it.");
        }
        try {
            // Throws for an id no encoder is registered for. Non-empty: Security 7 encoders answer
            // false for an empty password without looking at the hash.
            encoder.matches("probe", password);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": the password hash names an unknown encoder id; "
                    + "use {bcrypt}, {argon2}, {pbkdf2} or {scrypt}.", e);
        }
        if (password.startsWith("{noop}")) {
            log.warn("{}: the password is plain text ({noop}). Use a {bcrypt} hash outside local experiments.", where);
        }
    }

    private static UserDetails user(String username, String passwordHash, Set<Role> roles) {
        String[] authorities = roles.stream()
                .flatMap(role -> role.effectiveRoles().stream())
                .distinct()
                .map(Role::authority)
                .sorted()
                .toArray(String[]::new);
        return User.withUsername(username).password(passwordHash).authorities(authorities).build();
    }
}
