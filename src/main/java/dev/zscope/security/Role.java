package dev.zscope.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a signed-in user may do. Use {@link Roles} for the same names as annotation constants.
 *
 * <p>An ADMIN can do everything an OPERATOR can, and an OPERATOR everything a VIEWER can. Rather
 * than relying on a {@code RoleHierarchy}, which Vaadin's view access checks (they ask
 * {@code HttpServletRequest.isUserInRole}) do not consult, a user is simply granted the
 * authorities of every role theirs includes; {@link #effectiveRoles()} is the single place that
 * says so.
 */
public enum Role {

    /** Changes settings and alert channels, and does everything an {@link #OPERATOR} does. */
    ADMIN,

    /**
     * On call: acknowledges and silences alerts and labels anomalies, and sees everything a
     * {@link #VIEWER} sees, but changes no settings and no channels.
     */
    OPERATOR,

    /** Sees everything, read-only. */
    VIEWER;

    /** The Spring Security authority for this role alone, e.g. {@code ROLE_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** This role plus every role it includes: ADMIN yields {ADMIN, OPERATOR, VIEWER}. */
    public Set<Role> effectiveRoles() {
        var roles = switch (this) {
            case ADMIN -> EnumSet.of(ADMIN, OPERATOR, VIEWER);
            case OPERATOR -> EnumSet.of(OPERATOR, VIEWER);
            case VIEWER -> EnumSet.of(VIEWER);
        };
        return Collections.unmodifiableSet(roles);
    }
}
