package org.lmsregistry.web.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import org.lmsregistry.web.account.Role;
import org.lmsregistry.web.application.InvalidInputException;
import org.lmsregistry.web.application.NotFoundException;
import org.lmsregistry.web.audit.Actor;
import org.lmsregistry.web.audit.AdminAudit;
import org.lmsregistry.web.audit.AuditAction;
import org.lmsregistry.web.audit.AuditEntry;
import org.lmsregistry.web.infrastructure.json.CanonicalJson;
import org.lmsregistry.web.security.AccessDeniedException;
import org.lmsregistry.web.security.ApiTokens;
import org.lmsregistry.web.security.Caller;
import org.lmsregistry.web.security.CurrentCaller;
import org.lmsregistry.web.site.Site;
import org.lmsregistry.web.site.SiteRepository;

/** API tokens: created and revoked by registry administrators only; creation and revocation are audited. */
@ApplicationScoped
public class TokenService {

    /** A new token with its secret, which is shown once and never stored. */
    public record NewToken(ApiToken token, String secret) {
    }

    @Inject
    ApiTokenRepository tokens;

    @Inject
    SiteRepository sites;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    AdminAudit audit;

    @Transactional
    public NewToken create(String siteCode, String label, OffsetDateTime expiresAt) {
        Caller caller = requireAdmin();
        Site site = sites.findByCode(siteCode == null ? "" : siteCode)
                .orElseThrow(() -> new InvalidInputException("No site " + siteCode + "."));
        if (expiresAt != null && expiresAt.isBefore(OffsetDateTime.now())) {
            throw new InvalidInputException("expiresAt is in the past.");
        }
        String secret = ApiTokens.generate();
        ApiToken token;
        try {
            token = new ApiToken(site, label, secret, caller.name(), expiresAt);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        tokens.add(token);
        audit.record(Actor.of(caller, currentCaller.requestId()), new AuditEntry(site.code(), "API_TOKEN",
                token.id().toString(), AuditAction.CREATE, null, json(token), null));
        return new NewToken(token, secret);
    }

    @Transactional
    public List<ApiToken> list(String siteCode) {
        requireAdmin();
        Long siteId = null;
        if (siteCode != null) {
            siteId = sites.findByCode(siteCode).map(Site::id).orElse(-1L);
        }
        return tokens.findBySite(siteId);
    }

    @Transactional
    public ApiToken revoke(long id) {
        Caller caller = requireAdmin();
        ApiToken token = tokens.find(id).orElseThrow(() -> new NotFoundException("No API token " + id + "."));
        String before = json(token);
        token.revoke(caller.name());
        audit.record(Actor.of(caller, currentCaller.requestId()), new AuditEntry(token.site().code(), "API_TOKEN",
                token.id().toString(), AuditAction.UPDATE, before, json(token), null));
        return token;
    }

    private static String json(ApiToken t) {
        return CanonicalJson.object().memberRaw("id", String.valueOf(t.id())).member("site", t.site().code())
                .member("label", t.label()).member("prefix", t.tokenPrefix())
                .member("expiresAt", t.expiresAt() == null ? null : t.expiresAt().toString())
                .member("revokedAt", t.revokedAt() == null ? null : t.revokedAt().toString())
                .member("revokedBy", t.revokedBy()).end();
    }

    private Caller requireAdmin() {
        Caller caller = currentCaller.get();
        if (!caller.is(Role.ADMIN)) {
            throw new AccessDeniedException("Only registry administrators manage API tokens.");
        }
        return caller;
    }
}
