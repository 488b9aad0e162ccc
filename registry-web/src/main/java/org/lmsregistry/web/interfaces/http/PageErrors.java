package org.lmsregistry.web.interfaces.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error pages of the web pages ({@code /app/}): plain HTML without scripts, saying what happened
 * in the user's words and where to go next. A postback whose view state is unknown (expired
 * session, or a forged request from another site: the CSRF case) is refused with 403 and nothing
 * saved; so is a postback that PrimeFaces refuses for a script nonce not of the page.
 */
final class PageErrors {

    private static final Logger LOG = Logger.getLogger(PageErrors.class.getName());

    private PageErrors() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, int status, Throwable failure,
            String detail, String requestId) throws IOException {
        String title;
        String text;
        if (failure != null && (causedBy(failure, "jakarta.faces.application.ViewExpiredException")
                || causedBy(failure, "org.primefaces.csp.CspException"))) {
            status = HttpServletResponse.SC_FORBIDDEN;
            title = "Form expired";
            text = "This form is no longer valid: your session ended, or the request did not come from a page "
                    + "of this registry. Nothing was saved. Open the page again and re-enter the change.";
        } else if (failure != null) {
            LOG.log(Level.SEVERE, "page request " + requestId + " failed", failure);
            status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
            title = "Something went wrong";
            text = "The registry could not complete the request; quote request id " + requestId + ".";
        } else {
            switch (status) {
                case 403 -> {
                    title = "Access denied";
                    text = detail != null ? detail
                            : "Your role does not give access to this page. Pages of another site's patients, "
                                    + "administration and analyses are only open to the people responsible for them.";
                }
                case 404 -> {
                    title = "Not found";
                    text = detail != null ? detail : "There is no page at this address.";
                }
                default -> {
                    title = "Error " + status;
                    text = detail != null ? detail : "The request could not be completed (request id " + requestId + ").";
                }
            }
        }
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; frame-ancestors 'none'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        String home = escape(request.getContextPath()) + "/app/index.xhtml";
        try (Writer w = response.getWriter()) {
            w.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                    + " - LMS Imaging Registry</title></head><body><main><h1 id=\"error-title\">" + escape(title)
                    + "</h1><p id=\"error-detail\">" + escape(text) + "</p><p><a href=\"" + home
                    + "\">Go to your start page</a></p><p><small>Request id " + escape(requestId)
                    + "</small></p></main></body></html>");
        }
    }

    private static boolean causedBy(Throwable t, String className) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getClass().getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
