package dev.zscope.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void annotationConstantsMatchEnumNames() {
        assertThat(Roles.ADMIN).isEqualTo(Role.ADMIN.name());
        assertThat(Roles.OPERATOR).isEqualTo(Role.OPERATOR.name());
        assertThat(Roles.VIEWER).isEqualTo(Role.VIEWER.name());
        assertThat(Arrays.stream(Role.values()).map(Role::name))
                .containsExactly(Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER);
    }

    @Test
    void eachRoleIncludesTheOnesBelowItButNotTheOtherWayRound() {
        assertThat(Role.ADMIN.effectiveRoles()).containsExactlyInAnyOrder(Role.ADMIN, Role.OPERATOR, Role.VIEWER);
        assertThat(Role.OPERATOR.effectiveRoles()).containsExactlyInAnyOrder(Role.OPERATOR, Role.VIEWER);
        assertThat(Role.VIEWER.effectiveRoles()).containsExactly(Role.VIEWER);
        assertThat(Role.ADMIN.authority()).isEqualTo("ROLE_ADMIN");
    }
}
