package org.lmsregistry.web.demo;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lmsregistry.web.account.NewAccount;
import org.lmsregistry.web.account.Role;

/**
 * The accounts of demo mode: one administrator, one coordinator per site and one statistician.
 * The {@code demo-} prefix makes them recognisable in audit trails and account lists.
 */
public final class DemoAccounts {

    public static final String ADMIN = "demo-admin";
    public static final String STATISTICIAN = "demo-statistician";
    private static final String COORDINATOR_PREFIX = "demo-coord-";

    /** No look-alike characters (0/O, 1/l/I), so a password read from a log can be typed. */
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int PASSWORD_LENGTH = 20;

    private DemoAccounts() {
    }

    public static List<NewAccount> forSites(List<DemoSite> sites) {
        List<NewAccount> accounts = new ArrayList<>();
        accounts.add(new NewAccount(ADMIN, Role.ADMIN, null));
        for (DemoSite site : sites) {
            accounts.add(new NewAccount(coordinator(site.code()), Role.COORDINATOR, site.code()));
        }
        accounts.add(new NewAccount(STATISTICIAN, Role.STATISTICIAN, null));
        return accounts;
    }

    /** The username of a site's demo coordinator, e.g. {@code demo-coord-nki}. */
    public static String coordinator(String siteCode) {
        return COORDINATOR_PREFIX + siteCode.toLowerCase(Locale.ROOT);
    }

    /** A random password for when none is configured (about 115 bits). */
    public static char[] generatePassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[PASSWORD_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length()));
        }
        return password;
    }
}
