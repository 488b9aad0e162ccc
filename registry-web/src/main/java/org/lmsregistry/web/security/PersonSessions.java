package org.lmsregistry.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Starts and ends the sessions of people, for the API login ({@code POST /api/v1/session}) and
 * the login page alike, so both give the same session: a new id (against session fixation), the
 * username, the login time (for the maximum session length) and the API's CSRF token.
 */
@ApplicationScoped
public class PersonSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SessionSettings settings;

    /** @return the CSRF token that API requests of this session must carry */
    public String start(HttpServletRequest request, Caller caller) {
        return start(request, caller, false);
    }

    /**
     * @param sharedComputer the person said the computer is shared (a ward or clinic workstation):
     *     the session ends after {@code lms.session.shared-computer-idle-seconds} without activity
     * @return the CSRF token that API requests of this session must carry
     */
    public String start(HttpServletRequest request, Caller caller, boolean sharedComputer) {
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        byte[] csrf = new byte[32];
        RANDOM.nextBytes(csrf);
        String csrfToken = Base64.getUrlEncoder().withoutPadding().encodeToString(csrf);
        session.setAttribute(RegistryAuthenticationMechanism.SESSION_USER, caller.name());
        session.setAttribute(RegistryAuthenticationMechanism.SESSION_CSRF, csrfToken);
        session.setAttribute(RegistryAuthenticationMechanism.SESSION_LOGIN_AT, System.currentTimeMillis());
        session.setMaxInactiveInterval(sharedComputer ? settings.sharedComputerIdleSeconds() : settings.idleMinutes() * 60);
        return csrfToken;
    }

    public void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
