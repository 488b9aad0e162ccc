package org.lmsregistry.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows down password guessing. Failed logins are counted per username and per client address in a
 * sliding window ({@code lms.security.login.window-minutes}, 15). From the
 * {@code lms.security.login.max-failures}-th failure of a username (5) further attempts for it are
 * refused without checking the password (HTTP 429 with Retry-After) for 30 s, doubling with every
 * further failure up to the window; an address is refused after
 * {@code lms.security.login.max-failures-per-address} failures (50; invalid bearer tokens count
 * too). A successful login clears its username's count.
 *
 * <p>The counts live in memory, per server instance: several instances behind a load balancer each
 * allow the limit. A refused attempt does not cost a PBKDF2 computation, so the throttle also keeps
 * floods of guesses from using up the CPU.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final int MAX_TRACKED = 100_000;
    private static final long FIRST_LOCK_MILLIS = 30_000;

    @Inject
    @ConfigProperty(name = "lms.security.login.max-failures", defaultValue = "5")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "lms.security.login.max-failures-per-address", defaultValue = "50")
    int maxFailuresPerAddress;

    @Inject
    @ConfigProperty(name = "lms.security.login.window-minutes", defaultValue = "15")
    int windowMinutes;

    private final Clock clock = Clock.systemUTC();
    private final ConcurrentMap<String, Failures> byUser = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Failures> byAddress = new ConcurrentHashMap<>();

    private record Failures(int count, long firstAt, long blockedUntil) {
    }

    /** How long attempts for this username (may be null) from this address are refused, if they are. */
    public Optional<Duration> blocked(String username, String address) {
        long now = clock.millis();
        long until = Math.max(blockedUntil(byUser, username, now), blockedUntil(byAddress, address, now));
        return until > now ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
    }

    public void failed(String username, String address) {
        long now = clock.millis();
        if (username != null) {
            count(byUser, username, now, maxFailures);
        }
        count(byAddress, address, now, maxFailuresPerAddress);
    }

    public void succeeded(String username) {
        byUser.remove(username);
    }

    private long window() {
        return Duration.ofMinutes(windowMinutes).toMillis();
    }

    private long blockedUntil(ConcurrentMap<String, Failures> map, String key, long now) {
        if (key == null) {
            return 0;
        }
        Failures f = map.get(key);
        return f == null ? 0 : f.blockedUntil();
    }

    private void count(ConcurrentMap<String, Failures> map, String key, long now, int max) {
        if (map.size() > MAX_TRACKED) {
            map.values().removeIf(f -> f.firstAt() + window() < now && f.blockedUntil() < now);
        }
        map.compute(key, (k, f) -> {
            if (f == null || (f.firstAt() + window() < now && f.blockedUntil() < now)) {
                f = new Failures(0, now, 0);
            }
            int count = f.count() + 1;
            long blockedUntil = f.blockedUntil();
            if (count >= max) {
                long lock = Math.min(window(), FIRST_LOCK_MILLIS << Math.min(20, count - max));
                blockedUntil = now + lock;
            }
            return new Failures(count, f.firstAt(), blockedUntil);
        });
    }
}
