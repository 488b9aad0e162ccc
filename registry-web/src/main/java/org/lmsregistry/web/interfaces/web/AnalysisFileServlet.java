package org.lmsregistry.web.interfaces.web;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lmsregistry.web.analysis.AnalysisRunService;
import org.lmsregistry.web.application.NotFoundException;
import org.lmsregistry.web.security.AccessDeniedException;
import org.lmsregistry.web.security.NotAuthenticatedException;

/**
 * The stored files of a run for the pages: {@code /analysis-files/<id>/<name>}. Downloads (CSV,
 * JSON) as attachments; the report as a page framed by the run page, in a CSP sandbox: its
 * generated inline scripts run in an origin of their own and can read nothing of the registry.
 * Outside {@code /app/} because pages forbid framing; access is checked by the service (statisticians
 * and administrators), except for the report's plotly.js, a public library that the sandboxed report
 * loads without the session cookie.
 */
@WebServlet(urlPatterns = "/analysis-files/*")
public class AnalysisFileServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Pattern PATH = Pattern.compile("/([0-9]{1,18})/([A-Za-z0-9][A-Za-z0-9._-]{0,127})");
    private static final Pattern LIBRARY = Pattern.compile("plotly-[0-9A-Za-z.-]+\\.js|plotly-LICENSE\\.txt");

    @Inject
    AnalysisRunService runs;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        Matcher m = PATH.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!m.matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        long id = Long.parseLong(m.group(1));
        String name = m.group(2);
        AnalysisRunService.FileContent file;
        try {
            file = LIBRARY.matcher(name).matches() ? runs.libraryFile(id, name) : runs.file(id, name);
        } catch (NotAuthenticatedException e) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        } catch (AccessDeniedException e) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        } catch (NotFoundException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(file.file().mediaType());
        if (name.endsWith(".html")) {
            String origin = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
            response.setHeader("Content-Security-Policy", "sandbox allow-scripts; default-src 'none'; script-src 'self' "
                    + origin + " 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:;"
                    + " font-src data:; frame-ancestors 'self'");
            response.setHeader("X-Frame-Options", "SAMEORIGIN");
            response.setHeader("Cache-Control", "no-store");
        } else if (name.endsWith(".js") || name.endsWith(".txt")) {
            response.setHeader("Cache-Control", "public, max-age=86400");
        } else {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Content-Disposition", "attachment; filename=\"run-" + id + "-" + name + "\"");
        }
        response.setContentLength(file.content().length);
        response.getOutputStream().write(file.content());
    }
}
