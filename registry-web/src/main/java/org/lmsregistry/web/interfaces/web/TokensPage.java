package org.lmsregistry.web.interfaces.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.lmsregistry.web.site.Site;
import org.lmsregistry.web.site.SiteService;
import org.lmsregistry.web.token.ApiToken;
import org.lmsregistry.web.token.TokenService;

/**
 * API tokens of the sites' ETL machines. A new token's secret is shown once, right after it is
 * made, and never again (only its hash is stored); leaving the page forgets it.
 */
@Named
@ViewScoped
public class TokensPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient TokenService tokens;

    @Inject
    transient SiteService sites;

    private String site;
    private String label;
    private LocalDate expires;
    /** The secret of the token just created, shown once. */
    private String newSecret;

    public void create() {
        newSecret = null;
        Pages.attempt(() -> {
            TokenService.NewToken t = tokens.create(site, label,
                    expires == null ? null : expires.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
            newSecret = t.secret();
            Pages.info("Token " + t.token().tokenPrefix() + " created for " + site
                    + ". Copy it now: it is shown only this once.");
            label = null;
            expires = null;
        });
    }

    public void revoke(long id) {
        newSecret = null;
        Pages.attempt(() -> {
            ApiToken t = tokens.revoke(id);
            Pages.info("Token " + t.tokenPrefix() + " revoked.");
        });
    }

    public List<ApiToken> getTokens() {
        return tokens.list(null);
    }

    public List<Site> getSites() {
        return sites.list();
    }

    public String getNewSecret() {
        return newSecret;
    }

    public String getSite() {
        return site;
    }

    public void setSite(String site) {
        this.site = site;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public LocalDate getExpires() {
        return expires;
    }

    public void setExpires(LocalDate expires) {
        this.expires = expires;
    }
}
