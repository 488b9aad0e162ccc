package org.lmsregistry.web.site;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.lmsregistry.web.account.Role;
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

/**
 * Sites: every role sees the list of sites (codes and names are not sensitive and forms need them);
 * only ADMIN creates and changes them. Changes are audited.
 */
@ApplicationScoped
public class SiteService {

    @Inject
    SiteRepository sites;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    AdminAudit audit;

    @Transactional
    public List<Site> list() {
        currentCaller.get();
        return sites.findAll();
    }

    @Transactional
    public Site get(String code) {
        currentCaller.get();
        return sites.findByCode(code).orElseThrow(() -> new NotFoundException("No site " + code + "."));
    }

    @Transactional
    public Site create(String code, String name, String country) {
        Caller caller = requireAdmin();
        if (code != null && sites.findByCode(code).isPresent()) {
            throw new ConflictException("Site " + code + " exists already.");
        }
        Site site;
        try {
            site = new Site(code, name, country);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        sites.add(site);
        audit.record(Actor.of(caller, currentCaller.requestId()),
                new AuditEntry(site.code(), "SITE", site.code(), AuditAction.CREATE, null, json(site), null));
        return site;
    }

    @Transactional
    public Site update(String code, String name, String country, Boolean active) {
        Caller caller = requireAdmin();
        Site site = sites.findByCode(code).orElseThrow(() -> new NotFoundException("No site " + code + "."));
        String before = json(site);
        try {
            site.rename(name == null ? site.name() : name, country == null ? site.country() : country);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        if (active != null) {
            site.setActive(active);
        }
        String after = json(site);
        if (!after.equals(before)) {
            audit.record(Actor.of(caller, currentCaller.requestId()),
                    new AuditEntry(site.code(), "SITE", site.code(), AuditAction.UPDATE, before, after, null));
        }
        return site;
    }

    static String json(Site s) {
        return CanonicalJson.object().member("code", s.code()).member("name", s.name()).member("country", s.country())
                .memberRaw("active", Boolean.toString(s.isActive())).end();
    }

    private Caller requireAdmin() {
        Caller caller = currentCaller.get();
        if (!caller.is(Role.ADMIN)) {
            throw new AccessDeniedException("Only registry administrators manage sites.");
        }
        return caller;
    }
}
