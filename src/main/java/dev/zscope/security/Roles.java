package dev.zscope.security;

/**
 * Role names as compile-time constants, for annotations such as
 * {@code @RolesAllowed({Roles.ADMIN, Roles.VIEWER})}.
 *
 * <p>Annotations need constant strings and an enum constant is not one, so these mirror
 * {@link Role}'s names; a test keeps the two in step.
 */
public final class Roles {

    /** See {@link Role#ADMIN}. */
    public static final String ADMIN = "ADMIN";

    /** See {@link Role#OPERATOR}. */
    public static final String OPERATOR = "OPERATOR";

    /** See {@link Role#VIEWER}. */
    public static final String VIEWER = "VIEWER";

    private Roles() {
    }
}
