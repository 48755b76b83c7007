package dev.zscope.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zscope.KaribuTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/** {@link CurrentUser} against the real {@code AuthenticationContext} in a mock Vaadin request. */
class CurrentUserTest extends KaribuTest {

    @Autowired
    CurrentUser currentUser;

    @Test
    void anonymousHasNoNameAndIsNoAdmin() {
        assertThat(currentUser.username()).isEmpty();
        assertThat(currentUser.isAdmin()).isFalse();
    }

    @Test
    void adminIsAdmin() {
        login("alice", Roles.ADMIN);

        assertThat(currentUser.username()).contains("alice");
        assertThat(currentUser.isAdmin()).isTrue();
    }

    @Test
    void viewerIsNoAdmin() {
        login("victor", Roles.VIEWER);

        assertThat(currentUser.username()).contains("victor");
        assertThat(currentUser.isAdmin()).isFalse();
    }

    @Test
    void logoutSignsOut() {
        login("alice", Roles.ADMIN);

        currentUser.logout();

        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
        assertThat(currentUser.username()).isEmpty();
    }
}
