package org.lmsregistry.web.interfaces.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.lmsregistry.web.interfaces.http.ErrorPageServlet;

/** What every backing bean does the same way: messages, redirects, refusing a request. */
final class Pages {

    private Pages() {
    }

    static void info(String text) {
        message(null, FacesMessage.SEVERITY_INFO, text);
    }

    static void warn(String clientId, String text) {
        message(clientId, FacesMessage.SEVERITY_WARN, text);
    }

    static void error(String clientId, String text) {
        message(clientId, FacesMessage.SEVERITY_ERROR, text);
    }

    static void message(String clientId, FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(severity, text, null));
    }

    /** Redirects (after a successful POST) keeping the messages for the next page. */
    static void redirect(String path) {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        external.getFlash().setKeepMessages(true);
        try {
            external.redirect(external.getRequestContextPath() + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
    }

    /**
     * Runs an application service call of a form; a refusal (invalid input, conflict, rule broken,
     * not allowed) becomes a message on the page instead of an error page, the form keeping its values.
     *
     * @return whether it succeeded
     */
    static boolean attempt(Runnable action) {
        try {
            action.run();
            return true;
        } catch (org.lmsregistry.web.application.ValidationFailedException e) {
            error(null, e.getMessage());
            e.problems().forEach(p -> error(null, (p.field().isEmpty() ? "" : p.field() + ": ") + p.message()));
        } catch (org.lmsregistry.web.application.InvalidInputException | org.lmsregistry.web.application.ConflictException
                | org.lmsregistry.web.application.NotFoundException | org.lmsregistry.web.security.AccessDeniedException
                | org.lmsregistry.web.application.MalformedRequestException e) {
            error(null, e.getMessage());
        }
        FacesContext.getCurrentInstance().validationFailed();
        return false;
    }

    /** Ends the request with an HTML error page (see PageErrors): 403, 404. */
    static void refuse(int status, String detail) {
        FacesContext faces = FacesContext.getCurrentInstance();
        ((HttpServletRequest) faces.getExternalContext().getRequest()).setAttribute(ErrorPageServlet.DETAIL, detail);
        try {
            faces.getExternalContext().responseSendError(status, detail);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
    }
}
