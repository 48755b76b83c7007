package dev.zscope.security;

import dev.zscope.security.ui.LoginView;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.MissingCsrfTokenException;

/**
 * Where a refused {@code POST /login} sends the browser: back to the login view, with a query
 * parameter that tells it why.
 *
 * <ul>
 *   <li>wrong username or password: {@code /login?error};</li>
 *   <li>refused by {@link SignInThrottle}: {@code /login?wait=N}, plus {@code Retry-After: N};</li>
 *   <li>missing or invalid CSRF token (e.g. a login page older than a server restart, or a forged
 *       cross-site post): {@code /login?expired}, so that a stale page costs one more try rather
 *       than an error page. Nothing is authenticated either way.</li>
 * </ul>
 */
final class SignInFailureHandler implements AuthenticationFailureHandler, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(SignInFailureHandler.class);

    private final String loginPath;
    private final RedirectStrategy redirects = new DefaultRedirectStrategy();
    private final AccessDeniedHandler otherDenials = new AccessDeniedHandlerImpl();

    /** @param loginPath the login view's path, e.g. {@code /login} */
    SignInFailureHandler(String loginPath) {
        this.loginPath = loginPath;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        if (exception instanceof SignInDelayedException delayed) {
            response.setHeader("Retry-After", Long.toString(delayed.waitSeconds()));
            redirects.sendRedirect(request, response,
                    loginPath + "?" + LoginView.WAIT_PARAMETER + "=" + delayed.waitSeconds());
        } else {
            redirects.sendRedirect(request, response, loginPath + "?" + LoginView.ERROR_PARAMETER);
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException exception) throws IOException, ServletException {
        if (exception instanceof CsrfException) {
            // Not the exception's message: it repeats the token the client sent.
            log.debug("Sign-in from {} refused unchecked: {} CSRF token", request.getRemoteAddr(),
                    exception instanceof MissingCsrfTokenException ? "no" : "invalid");
            redirects.sendRedirect(request, response, loginPath + "?" + LoginView.EXPIRED_PARAMETER);
        } else {
            otherDenials.handle(request, response, exception);
        }
    }
}
