package org.lmsregistry.web.security;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Requests for the web pages (Jakarta Faces under {@code /app/}) as the authentication mechanism
 * treats them: people without a session are sent to the login page (or to "session ended" when
 * their session timed out) rather than answered 401; an ajax request gets the redirect as a Faces
 * partial response, which the page's script follows.
 */
public final class PageRequests {

    public static final String PREFIX = "/app/";
    public static final String LOGIN_PAGE = "/app/login.xhtml";
    public static final String SESSION_ENDED_PAGE = "/app/session-ended.xhtml";

    private PageRequests() {
    }

    public static boolean isPage(HttpServletRequest request) {
        String path = request.getServletPath();
        return path != null && path.startsWith(PREFIX);
    }

    public static boolean isAjax(HttpServletRequest request) {
        return "partial/ajax".equals(request.getHeader("Faces-Request"));
    }

    static AuthenticationStatus redirectToLogin(HttpServletRequest request, HttpServletResponse response,
            boolean sessionEnded) {
        String target = request.getContextPath() + (sessionEnded ? SESSION_ENDED_PAGE : LOGIN_PAGE);
        if (!sessionEnded && "GET".equals(request.getMethod())) {
            // back to the page asked for after login; only a path of this application (see LoginPage)
            String next = request.getServletPath() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            target += "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        }
        try {
            if (isAjax(request)) {
                response.setContentType("text/xml");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                        + target.replace("&", "&amp;").replace("\"", "&quot;") + "\"/></partial-response>");
            } else {
                response.sendRedirect(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }
}
