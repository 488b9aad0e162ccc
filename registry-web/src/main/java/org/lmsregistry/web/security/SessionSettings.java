package org.lmsregistry.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Session lifetimes of people: idle timeout {@code lms.session.idle-minutes} (30; applied to the
 * servlet context at startup), a shorter one for sessions started on a shared computer
 * ({@code lms.session.shared-computer-idle-seconds}, 300: the login page's "shared computer" choice),
 * and at most {@code lms.session.max-hours} (12) after login, however active the session.
 */
@ApplicationScoped
public class SessionSettings {

    @Inject
    @ConfigProperty(name = "lms.session.idle-minutes", defaultValue = "30")
    int idleMinutes;

    @Inject
    @ConfigProperty(name = "lms.session.max-hours", defaultValue = "12")
    int maxHours;

    @Inject
    @ConfigProperty(name = "lms.session.shared-computer-idle-seconds", defaultValue = "300")
    int sharedComputerIdleSeconds;

    public int idleMinutes() {
        return idleMinutes;
    }

    /** The idle timeout of a session started with "shared computer" chosen; never longer than the usual one. */
    public int sharedComputerIdleSeconds() {
        return Math.max(1, Math.min(sharedComputerIdleSeconds, idleMinutes * 60));
    }

    public Duration maxSessionDuration() {
        return Duration.ofHours(maxHours);
    }
}
