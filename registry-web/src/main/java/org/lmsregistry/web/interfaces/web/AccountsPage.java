package org.lmsregistry.web.interfaces.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.lmsregistry.web.account.Account;
import org.lmsregistry.web.account.AccountService;
import org.lmsregistry.web.account.Role;
import org.lmsregistry.web.site.Site;
import org.lmsregistry.web.site.SiteService;

/** People's accounts: creating one (role, and the site for coordinators), (de)activating. */
@Named
@ViewScoped
public class AccountsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient AccountService accounts;

    @Inject
    transient SiteService sites;

    private String username;
    private Role role;
    private String site;
    private String password;

    public void create() {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        password = null;
        if (Pages.attempt(() -> accounts.create(username, role, role == Role.COORDINATOR ? site : null, secret))) {
            Pages.info("Account " + username + " created.");
            username = null;
            role = null;
            site = null;
        }
    }

    public void setActive(String name, boolean active) {
        if (Pages.attempt(() -> accounts.setActive(name, active))) {
            Pages.info("Account " + name + (active ? " activated." : " deactivated: its sessions end now."));
        }
    }

    public List<Account> getAccounts() {
        return accounts.list();
    }

    public List<Role> getRoles() {
        return Arrays.stream(Role.values()).filter(Role::isAccountRole).toList();
    }

    public List<Site> getSites() {
        return sites.list();
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public String getSite() {
        return site;
    }

    public void setSite(String site) {
        this.site = site;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
