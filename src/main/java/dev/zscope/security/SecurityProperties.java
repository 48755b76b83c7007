package dev.zscope.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may sign in, bound from {@code zscope.security.*}.
 *
 * <p>Example ({@code application.properties}):
 * <pre>
 * zscope.security.users[0].username=alice
 * zscope.security.users[0].password={bcrypt}$2a$10$...
 * zscope.security.users[0].roles=ADMIN
 * </pre>
 * Passwords are hashes in Spring's {@code {id}hash} form so that no secret sits in configuration
 * files; {@link UserAccounts} rejects anything else at startup. A bcrypt hash can be made with
 * {@code htpasswd -bnBC 10 "" 'secret' | tr -d ':\n'} and prefixed with {@code {bcrypt}}.
 *
 * @param dataDirectory where the generated admin's password hash is kept when no users are
 *     configured (see {@link AdminPasswordBootstrap}); normally set through {@code zscope.data-dir}
 * @param users the accounts; empty means "create {@code admin} on first start"
 */
@ConfigurationProperties("zscope.security")
@Validated
public record SecurityProperties(@DefaultValue("data") Path dataDirectory, List<@Valid User> users) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /**
     * One configured account.
     *
     * @param username the sign-in name
     * @param password a hash in Spring's {@code {id}hash} form, e.g. {@code {bcrypt}$2a$10$...}
     * @param roles at least one role; ADMIN includes VIEWER
     */
    public record User(@NotBlank String username, @NotBlank String password, @NotEmpty Set<Role> roles) {

        public User {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
        }

        /** Leaves the password out, so that logging a user or a bind failure never shows it. */
        @Override
        public String toString() {
            return "User[username=" + username + ", password=<hidden>, roles=" + roles + "]";
        }
    }
}
