package org.lmsregistry.web.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.List;
import org.lmsregistry.web.application.ConflictException;
import org.lmsregistry.web.application.InvalidInputException;
import org.lmsregistry.web.application.NotFoundException;
import org.lmsregistry.web.audit.Actor;
import org.lmsregistry.web.audit.AdminAudit;
import org.lmsregistry.web.audit.AuditAction;
import org.lmsregistry.web.audit.AuditEntry;
import org.lmsregistry.web.infrastructure.json.CanonicalJson;
import org.lmsregistry.web.security.AccessDeniedException;
import org.lmsregistry.web.security.Caller;
import org.lmsregistry.web.security.CurrentCaller;
import org.lmsregistry.web.site.Site;
import org.lmsregistry.web.site.SiteRepository;

/** People's accounts, managed by registry administrators; every change is audited (never the password). */
@ApplicationScoped
public class AccountService {

    @Inject
    AccountRepository accounts;

    @Inject
    SiteRepository sites;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    AdminAudit audit;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    @PostConstruct
    void init() {
        passwordHash.initialize(PasswordHashing.parameters());
    }

    @Transactional
    public Account create(String username, Role role, String siteCode, char[] password) {
        Caller caller = requireAdmin();
        return create(Actor.of(caller, currentCaller.requestId()), username, role, siteCode, password);
    }

    /** Creates an account on behalf of an actor (also the bootstrap of the first administrator). */
    @Transactional
    public Account create(Actor actor, String username, Role role, String siteCode, char[] password) {
        try {
            if (password == null || password.length < Account.MIN_PASSWORD_LENGTH) {
                throw new InvalidInputException("A password has at least " + Account.MIN_PASSWORD_LENGTH + " characters.");
            }
            if (username != null && accounts.findByUsername(username).isPresent()) {
                throw new ConflictException("Account " + username + " exists already.");
            }
            Site site = null;
            if (siteCode != null) {
                site = sites.findByCode(siteCode).orElseThrow(() -> new InvalidInputException("No site " + siteCode + "."));
            }
            Account account;
            try {
                account = new Account(username, passwordHash.generate(password), role, site);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
            accounts.add(account);
            audit.record(actor, new AuditEntry(siteCode, "ACCOUNT", username, AuditAction.CREATE, null, json(account), null));
            return account;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Transactional
    public List<Account> list() {
        requireAdmin();
        return accounts.findAll();
    }

    @Transactional
    public Account setActive(String username, boolean active) {
        Caller caller = requireAdmin();
        Account account = accounts.findByUsername(username)
                .orElseThrow(() -> new NotFoundException("No account " + username + "."));
        if (!active && account.username().equals(caller.name())) {
            throw new ConflictException("Administrators cannot deactivate their own account.");
        }
        String before = json(account);
        account.setActive(active);
        if (!before.equals(json(account))) {
            audit.record(Actor.of(caller, currentCaller.requestId()), new AuditEntry(
                    account.site() == null ? null : account.site().code(), "ACCOUNT", username, AuditAction.UPDATE,
                    before, json(account), null));
        }
        return account;
    }

    static String json(Account a) {
        return CanonicalJson.object().member("username", a.username()).member("role", a.role().name())
                .member("site", a.site() == null ? null : a.site().code())
                .memberRaw("active", Boolean.toString(a.isActive())).end();
    }

    private Caller requireAdmin() {
        Caller caller = currentCaller.get();
        if (!caller.is(Role.ADMIN)) {
            throw new AccessDeniedException("Only registry administrators manage accounts.");
        }
        return caller;
    }
}
