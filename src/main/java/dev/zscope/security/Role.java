package dev.zscope.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a signed-in user may do. Use {@link Roles} for the same names as annotation constants.
 *
 * <p>An ADMIN can do everything a VIEWER can. Rather than relying on a {@code RoleHierarchy},
 * which Vaadin's view access checks (they ask {@code HttpServletRequest.isUserInRole}) do not
 * consult, an ADMIN is simply granted both authorities; {@link #effectiveRoles()} is the single
 * place that says so.
 */
public enum Role {

    /** Changes settings, and sees everything a {@link #VIEWER} sees. */
    ADMIN,

    /** Sees everything, read-only. */
    VIEWER;

    /** The Spring Security authority for this role alone, e.g. {@code ROLE_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** This role plus every role it includes: ADMIN yields {ADMIN, VIEWER}. */
    public Set<Role> effectiveRoles() {
        var roles = this == ADMIN ? EnumSet.of(ADMIN, VIEWER) : EnumSet.of(this);
        return Collections.unmodifiableSet(roles);
    }
}
