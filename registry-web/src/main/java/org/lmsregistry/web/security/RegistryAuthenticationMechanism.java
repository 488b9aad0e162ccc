package org.lmsregistry.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.lmsregistry.web.interfaces.http.ErrorPageServlet;
import org.lmsregistry.web.interfaces.http.RequestIds;

/**
 * How callers prove who they are, on every request:
 * <ul>
 * <li>{@code Authorization: Bearer <token>}: an API token (machines, role UPLOADER, one site);</li>
 * <li>{@code Authorization: Basic ...}: a person's username and password, checked on every request
 * (PBKDF2 is deliberately slow: interactive clients should log in once instead);</li>
 * <li>a session cookie from {@code POST /api/v1/session} (the login form of people); requests that
 * change something must then carry the session's {@code X-CSRF-Token}, so that another web site
 * cannot ride on the cookie. The account is looked up again on every request: a deactivated account
 * loses its sessions at once. Sessions end after the idle timeout (web.xml) or
 * {@code lms.session.max-hours} after login.</li>
 * </ul>
 * Invalid credentials are answered 401 even on public resources; missing credentials only where
 * web.xml requires authentication. Web pages ({@code /app/}) use the same session, started by the
 * login page; a page request without one is sent to the login page instead of a 401. Password guessing is throttled ({@link LoginThrottle}, 429).
 */
@ApplicationScoped
public class RegistryAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String SESSION_USER = "lms.session.user";
    public static final String SESSION_CSRF = "lms.session.csrf";
    public static final String SESSION_LOGIN_AT = "lms.session.loginAt";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final Logger LOG = Logger.getLogger(RegistryAuthenticationMechanism.class.getName());
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    LoginThrottle throttle;

    @Inject
    CallerDirectory directory;

    @Inject
    SessionSettings sessions;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            return fromHeader(authorization.strip(), request, response, context);
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_USER) instanceof String username) {
            return fromSession(session, username, request, response, context);
        }
        if (context.isProtected()) {
            if (PageRequests.isPage(request)) {
                // a cookie naming a session that no longer exists: it timed out (or the server restarted)
                boolean ended = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
                return PageRequests.redirectToLogin(request, response, ended);
            }
            return unauthorized(request, response, context,
                    "Authentication required: an API token (Authorization: Bearer), a username and password "
                            + "(Authorization: Basic) or a session from POST /api/v1/session.");
        }
        return context.doNothing();
    }

    private AuthenticationStatus fromHeader(String authorization, HttpServletRequest request,
            HttpServletResponse response, HttpMessageContext context) {
        String address = request.getRemoteAddr();
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String value = space < 0 ? "" : authorization.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Bearer")) {
            Optional<Duration> blocked = throttle.blocked(null, address);
            if (blocked.isPresent()) {
                return tooManyAttempts(request, response, blocked.get());
            }
            CredentialValidationResult result = identityStores.validate(new BearerTokenCredential(value));
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
            throttle.failed(null, address);
            return unauthorized(request, response, context, "The bearer token is not valid: unknown, revoked or expired.");
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            String[] userAndPassword = decodeBasic(value);
            if (userAndPassword == null) {
                return unauthorized(request, response, context, "Malformed Basic credentials.");
            }
            LoginResult login = login(userAndPassword[0], userAndPassword[1].toCharArray(), address);
            return switch (login.outcome()) {
                case VALID -> context.notifyContainerAboutLogin(login.result());
                case THROTTLED -> tooManyAttempts(request, response, login.retryAfter());
                case INVALID -> unauthorized(request, response, context, "Wrong username or password.");
            };
        }
        return unauthorized(request, response, context, "Unsupported Authorization scheme; use Bearer or Basic.");
    }

    private AuthenticationStatus fromSession(HttpSession session, String username, HttpServletRequest request,
            HttpServletResponse response, HttpMessageContext context) {
        Object loginAt = session.getAttribute(SESSION_LOGIN_AT);
        boolean expired = !(loginAt instanceof Long at)
                || System.currentTimeMillis() - at > sessions.maxSessionDuration().toMillis();
        Optional<Caller> caller = expired ? Optional.empty() : directory.account(username).map(a -> a.caller());
        if (caller.isEmpty()) {
            session.invalidate();
            if (context.isProtected() && PageRequests.isPage(request)) {
                return PageRequests.redirectToLogin(request, response, true);
            }
            if (context.isProtected()) {
                return unauthorized(request, response, context, "The session has ended; log in again.");
            }
            return context.doNothing();
        }
        // login and logout are exempt: logging in again from a stale page must work. Web pages are
        // exempt from the header: every Faces postback carries the view state, an unguessable id
        // issued to this session, without which Faces refuses the request (see PageRequests).
        if (!SAFE_METHODS.contains(request.getMethod()) && !request.getRequestURI().endsWith("/api/v1/session")
                && !PageRequests.isPage(request)) {
            String expected = (String) session.getAttribute(SESSION_CSRF);
            String given = request.getHeader(CSRF_HEADER);
            if (expected == null || given == null || !MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
                return fail(request, response, HttpServletResponse.SC_FORBIDDEN, null,
                        "Requests that change data in a session need the " + CSRF_HEADER
                                + " header from the login answer.");
            }
        }
        Caller c = caller.get();
        return context.notifyContainerAboutLogin(new RegistryPrincipal(c), Set.of(c.role().name()));
    }

    /** The outcome of a username and password check. */
    public record LoginResult(Outcome outcome, CredentialValidationResult result, Duration retryAfter) {
        public enum Outcome {
            VALID,
            INVALID,
            THROTTLED
        }
    }

    /**
     * Checks a username and password through the identity stores, throttled; used for Basic
     * authentication and by the session login.
     */
    public LoginResult login(String username, char[] password, String address) {
        Optional<Duration> blocked = throttle.blocked(username, address);
        if (blocked.isPresent()) {
            return new LoginResult(LoginResult.Outcome.THROTTLED, null, blocked.get());
        }
        CredentialValidationResult result = identityStores.validate(
                new UsernamePasswordCredential(username, new Password(password)));
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            throttle.succeeded(username);
            return new LoginResult(LoginResult.Outcome.VALID, result, null);
        }
        throttle.failed(username, address);
        LOG.fine(() -> "failed login for a username from " + address);
        return new LoginResult(LoginResult.Outcome.INVALID, null, null);
    }

    private static String[] decodeBasic(String value) {
        try {
            String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static AuthenticationStatus unauthorized(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context, String detail) {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"lms-registry\"");
        return fail(request, response, HttpServletResponse.SC_UNAUTHORIZED, null, detail);
    }

    private static AuthenticationStatus tooManyAttempts(HttpServletRequest request, HttpServletResponse response,
            Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        response.setHeader("Retry-After", Long.toString(seconds));
        return fail(request, response, 429, "Too many failed logins",
                "Too many failed attempts; try again in " + seconds + " s.");
    }

    private static AuthenticationStatus fail(HttpServletRequest request, HttpServletResponse response, int status,
            String title, String detail) {
        RequestIds.of(request, response);
        request.setAttribute(ErrorPageServlet.DETAIL, detail);
        if (title != null) {
            request.setAttribute(ErrorPageServlet.TITLE, title);
        }
        try {
            response.sendError(status);
        } catch (IOException e) {
            LOG.fine(() -> "could not send error " + status + ": " + e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
