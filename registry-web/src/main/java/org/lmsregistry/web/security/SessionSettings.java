package org.lmsregistry.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Session lifetimes of people: idle timeout {@code lms.session.idle-minutes} (30; applied to the
 * servlet context at startup) and at most {@code lms.session.max-hours} (12) after login, however
 * active the session.
 */
@ApplicationScoped
public class SessionSettings {

    @Inject
    @ConfigProperty(name = "lms.session.idle-minutes", defaultValue = "30")
    int idleMinutes;

    @Inject
    @ConfigProperty(name = "lms.session.max-hours", defaultValue = "12")
    int maxHours;

    public int idleMinutes() {
        return idleMinutes;
    }

    public Duration maxSessionDuration() {
        return Duration.ofHours(maxHours);
    }
}
