package org.lmsregistry.web.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.lmsregistry.web.security.PersonSessions;

/** Logout from the page header (a POST with the view state, so another site cannot log people out). */
@Named
@RequestScoped
public class SessionActions {

    @Inject
    PersonSessions sessions;

    public void logout() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        sessions.end((HttpServletRequest) external.getRequest());
        external.redirect(external.getRequestContextPath() + "/app/login.xhtml?loggedOut=true");
        FacesContext.getCurrentInstance().responseComplete();
    }
}
