package org.lmsregistry.web.interfaces.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.Serializable;
import org.lmsregistry.web.security.Caller;
import org.lmsregistry.web.security.PersonSessions;
import org.lmsregistry.web.security.RegistryAuthenticationMechanism;
import org.lmsregistry.web.security.RegistryPrincipal;
import org.lmsregistry.web.security.SessionSettings;

/**
 * The login form. Checks the password through the authentication mechanism (so the throttling of
 * password guessing applies as for the API) and starts the same session as {@code POST /api/v1/session}.
 */
@Named
@ViewScoped
public class LoginPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient RegistryAuthenticationMechanism mechanism;

    @Inject
    transient PersonSessions sessions;

    @Inject
    transient SessionSettings settings;

    private String username;
    private String password;
    private String next;
    private boolean sharedComputer;

    public void login() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        char[] secret = password == null ? new char[0] : password.toCharArray();
        password = null;
        RegistryAuthenticationMechanism.LoginResult result = mechanism.login(username == null ? "" : username.strip(),
                secret, request.getRemoteAddr());
        switch (result.outcome()) {
            case THROTTLED -> {
                long seconds = Math.max(1, (result.retryAfter().toMillis() + 999) / 1000);
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                        "Too many failed attempts; try again in " + seconds + " s.", null));
            }
            case INVALID -> faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "Wrong username or password.", null));
            case VALID -> {
                Caller caller = ((RegistryPrincipal) result.result().getCallerPrincipal()).caller();
                sessions.start(request, caller, sharedComputer);
                external.redirect(external.getRequestContextPath() + (isSafeNext(next) ? next : CurrentUser.homeOf(caller)));
                faces.responseComplete();
            }
        }
    }

    /** Only a page of this application: never another host (open redirect). */
    static boolean isSafeNext(String next) {
        return next != null && next.startsWith("/app/") && !next.contains("//") && !next.contains("\\")
                && !next.contains(":") && !next.startsWith("/app/login.xhtml");
    }

    public int getIdleMinutes() {
        return settings.idleMinutes();
    }

    /** The shared-computer idle timeout as people read it: "5 minutes", "90 seconds". */
    public String getSharedComputerIdle() {
        int seconds = settings.sharedComputerIdleSeconds();
        return seconds % 60 == 0 ? seconds / 60 + (seconds == 60 ? " minute" : " minutes")
                : seconds + (seconds == 1 ? " second" : " seconds");
    }

    public boolean isSharedComputer() {
        return sharedComputer;
    }

    public void setSharedComputer(boolean sharedComputer) {
        this.sharedComputer = sharedComputer;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }
}
