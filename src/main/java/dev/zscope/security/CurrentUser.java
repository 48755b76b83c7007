package dev.zscope.security;

import com.vaadin.flow.spring.security.AuthenticationContext;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The signed-in user as views need it, so that they depend on this package rather than on
 * Spring Security or Vaadin's security classes.
 *
 * <p>Stateless: every call asks {@link AuthenticationContext} about the current request or
 * Vaadin session, so one instance serves all users and may be injected anywhere.
 */
@Component
public class CurrentUser {

    private final AuthenticationContext authenticationContext;

    public CurrentUser(AuthenticationContext authenticationContext) {
        this.authenticationContext = authenticationContext;
    }

    /** The signed-in user's name, or empty when nobody is signed in. */
    public Optional<String> username() {
        return authenticationContext.getPrincipalName();
    }

    /** Whether the user may change settings; views show settings read-only otherwise. */
    public boolean isAdmin() {
        return authenticationContext.hasRole(Roles.ADMIN);
    }

    /** Whether the user may acknowledge and silence alerts and label anomalies (an OPERATOR or ADMIN). */
    public boolean isOperator() {
        return authenticationContext.hasRole(Roles.OPERATOR);
    }

    /** Signs the user out and sends the browser to the login view. Call from a UI thread. */
    public void logout() {
        authenticationContext.logout();
    }
}
