package org.lmsregistry.web.interfaces.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.lmsregistry.web.site.Site;
import org.lmsregistry.web.site.SiteService;

/** The participating sites: adding one, and (de)activating. */
@Named
@ViewScoped
public class SitesPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SiteService sites;

    private String code;
    private String name;
    private String country;

    public void create() {
        if (Pages.attempt(() -> sites.create(code, name, country))) {
            Pages.info("Site " + code + " added.");
            code = null;
            name = null;
            country = null;
        }
    }

    public void setActive(String siteCode, boolean active) {
        if (Pages.attempt(() -> sites.update(siteCode, null, null, active))) {
            Pages.info("Site " + siteCode + (active ? " activated." : " deactivated."));
        }
    }

    public List<Site> getSites() {
        return sites.list();
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getCountry() {
        return country;
    }

    public void setCountry(String country) {
        this.country = country;
    }
}
