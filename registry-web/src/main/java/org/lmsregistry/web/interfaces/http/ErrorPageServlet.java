package org.lmsregistry.web.interfaces.http;

import jakarta.json.JsonObject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page of the whole application (web.xml): whatever fails outside JAX-RS (authentication,
 * a path nobody serves, an exception in a filter) is answered as problem details in JSON, with the
 * detail a component left in {@link #DETAIL} and never with a stack trace. Failures of web pages
 * get a small HTML page instead ({@link PageErrors}).
 */
@WebServlet(urlPatterns = "/error")
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Request attribute: the detail sentence of the problem (set before {@code sendError}). */
    public static final String DETAIL = ErrorPageServlet.class.getName() + ".detail";
    /** Request attribute: the title of the problem, when not the status's reason phrase. */
    public static final String TITLE = ErrorPageServlet.class.getName() + ".title";

    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String requestId = RequestIds.of(request, response);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String u && u.startsWith(request.getContextPath() + "/app/")) {
            PageErrors.write(request, response, status, failure instanceof Throwable t ? t : null,
                    (String) request.getAttribute(DETAIL), requestId);
            return;
        }
        String detail = (String) request.getAttribute(DETAIL);
        if (failure instanceof Throwable t) {
            LOG.log(Level.SEVERE, "request " + requestId + " failed", t);
            status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
            detail = "The registry could not complete the request; quote request id " + requestId + ".";
        }
        if (detail == null) {
            detail = switch (status) {
                case 404 -> "Nothing is served at this path.";
                case 401 -> "Authentication required.";
                case 403 -> "Not allowed.";
                case 405 -> "This method is not allowed here.";
                default -> null;
            };
        }
        String title = request.getAttribute(TITLE) instanceof String t ? t : ProblemJson.title(status);
        JsonObject problem = ProblemJson.of(status, title, detail, requestId);
        response.setStatus(status);
        response.setContentType(ProblemJson.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("X-Content-Type-Options", "nosniff");
        try (Writer w = response.getWriter()) {
            w.write(problem.toString());
        }
    }
}
