package org.lmsregistry.web.interfaces.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers of the web pages and their scripts and styles. The Content-Security-Policy of
 * pages is set by PrimeFaces (web.xml {@code primefaces.CSP_POLICY}), because only it knows each
 * response's script nonce. Pages are never stored by browsers or proxies: nearly all show patient
 * records, and the others show who is signed in.
 */
@WebFilter(urlPatterns = {"/app/*", "/jakarta.faces.resource/*"}, asyncSupported = true)
public class PageSecurityHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        if (request.getServletPath().startsWith("/app/")) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
        }
        chain.doFilter(request, response);
    }
}
