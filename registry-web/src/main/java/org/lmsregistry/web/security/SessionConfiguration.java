package org.lmsregistry.web.security;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Session cookies of people: HttpOnly, never in URLs, SameSite=Strict (browsers then never send the
 * cookie with another site's requests; the CSRF header is the second line of defence), Secure when
 * {@code lms.session.secure-cookie=true} (set it whenever the registry is served over HTTPS, i.e. in
 * production), idle timeout {@code lms.session.idle-minutes}.
 */
@WebListener
public class SessionConfiguration implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Config config = ConfigProvider.getConfig();
        ServletContext context = event.getServletContext();
        context.setSessionTimeout(config.getOptionalValue("lms.session.idle-minutes", Integer.class).orElse(30));
        context.setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
        var cookie = context.getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setSecure(config.getOptionalValue("lms.session.secure-cookie", Boolean.class).orElse(false));
        cookie.setAttribute("SameSite", "Strict");
    }
}
