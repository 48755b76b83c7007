package dev.zscope.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Configured users become accounts with the right authorities; bad passwords stop the start. */
class UserAccountsTest {

    /** bcrypt of "alice-pw". */
    static final String ALICE_HASH = "{bcrypt}$2a$10$dLUn/4Nbkkbz6TE8KoXt5OVRc.dZxsUGrezqFhNEUppaezkaLN60i";

    /** bcrypt of "victor-pw". */
    static final String VICTOR_HASH = "{bcrypt}$2a$10$/ndV6ZeZR9FmFhj0BHWW6.S2CGDjb6p/A6LZ60vdPrRy07HnEjUDi";

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final AtomicInteger adminHashRequests = new AtomicInteger();
    private final Supplier<String> adminHash = () -> {
        adminHashRequests.incrementAndGet();
        return encoder.encode("generated");
    };

    @Test
    void configuredUsersGetTheirRolesAndNoAdminIsGenerated() {
        var manager = UserAccounts.create(properties(
                new SecurityProperties.User("alice", ALICE_HASH, Set.of(Role.ADMIN)),
                new SecurityProperties.User("victor", VICTOR_HASH, Set.of(Role.VIEWER))),
                encoder, adminHash);

        assertThat(authorities(manager.loadUserByUsername("alice"))).containsExactly("ROLE_ADMIN", "ROLE_OPERATOR", "ROLE_VIEWER");
        assertThat(authorities(manager.loadUserByUsername("victor"))).containsExactly("ROLE_VIEWER");
        assertThat(encoder.matches("alice-pw", manager.loadUserByUsername("alice").getPassword())).isTrue();
        assertThat(encoder.matches("victor-pw", manager.loadUserByUsername("victor").getPassword())).isTrue();
        assertThat(manager.userExists("admin")).isFalse();
        assertThat(adminHashRequests).hasValue(0);
    }

    @Test
    void withoutConfiguredUsersTheOnlyAccountIsAdmin() {
        var manager = UserAccounts.create(properties(), encoder, adminHash);

        UserDetails admin = manager.loadUserByUsername("admin");
        assertThat(authorities(admin)).containsExactly("ROLE_ADMIN", "ROLE_OPERATOR", "ROLE_VIEWER");
        assertThat(encoder.matches("generated", admin.getPassword())).isTrue();
        assertThat(adminHashRequests).hasValue(1);
    }

    @Test
    void plainTextPasswordIsRejectedWithoutRepeatingIt() {
        assertThatThrownBy(() -> UserAccounts.create(properties(
                new SecurityProperties.User("bob", "hunter2hunter2", Set.of(Role.VIEWER))), encoder, adminHash))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("zscope.security.users[0] ('bob')")
                .hasMessageContaining("{bcrypt}")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void unknownEncoderIdIsRejected() {
        assertThatThrownBy(() -> UserAccounts.create(properties(
                new SecurityProperties.User("bob", "{rot13}uhagre2", Set.of(Role.VIEWER))), encoder, adminHash))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown encoder id");
    }

    @Test
    void malformedBcryptIsRejected() {
        assertThatThrownBy(() -> UserAccounts.create(properties(
                new SecurityProperties.User("bob", "{bcrypt}$2a$10$tooShort", Set.of(Role.VIEWER))), encoder, adminHash))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void explicitNoopIsAccepted() {
        var manager = UserAccounts.create(properties(
                new SecurityProperties.User("dev", "{noop}dev", Set.of(Role.VIEWER))), encoder, adminHash);

        assertThat(encoder.matches("dev", manager.loadUserByUsername("dev").getPassword())).isTrue();
    }

    @Test
    void duplicateUsernameIsRejected() {
        assertThatThrownBy(() -> UserAccounts.create(properties(
                new SecurityProperties.User("bob", ALICE_HASH, Set.of(Role.VIEWER)),
                new SecurityProperties.User("bob", ALICE_HASH, Set.of(Role.ADMIN))), encoder, adminHash))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("users[1] ('bob')")
                .hasMessageContaining("more than once");
    }

    @Test
    void unknownUserIsNotFound() {
        var manager = UserAccounts.create(properties(
                new SecurityProperties.User("alice", ALICE_HASH, Set.of(Role.ADMIN))), encoder, adminHash);

        assertThatThrownBy(() -> manager.loadUserByUsername("mallory")).isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void userToStringHidesThePassword() {
        assertThat(new SecurityProperties.User("dev", "{noop}dev-secret", Set.of(Role.VIEWER)).toString())
                .doesNotContain("dev-secret");
    }

    private static SecurityProperties properties(SecurityProperties.User... users) {
        return new SecurityProperties(Path.of("unused"), List.of(users));
    }

    private static List<String> authorities(UserDetails user) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList();
    }
}
