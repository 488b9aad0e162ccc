package org.lmsregistry.web.interfaces.rest;

import jakarta.enterprise.context.ApplicationScoped;
import org.lmsregistry.web.infrastructure.json.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.io.StringWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lmsregistry.model.validation.Problem;
import org.lmsregistry.web.application.ConflictException;
import org.lmsregistry.web.application.InvalidInputException;
import org.lmsregistry.web.application.MalformedRequestException;
import org.lmsregistry.web.application.NotFoundException;
import org.lmsregistry.web.application.PayloadTooLargeException;
import org.lmsregistry.web.application.ValidationFailedException;
import org.lmsregistry.web.interfaces.http.ProblemJson;
import org.lmsregistry.web.interfaces.http.RequestIds;
import org.lmsregistry.web.records.ProblemJsonWriter;
import org.lmsregistry.web.security.AccessDeniedException;
import org.lmsregistry.web.security.NotAuthenticatedException;

/**
 * Every failure of the API becomes problem details (RFC 9457) with the request id: the application's
 * exceptions with their own status and sentence, JAX-RS's (unknown path, wrong method or media type)
 * with theirs, unreadable bodies as 400. Anything unexpected is logged with its stack trace and
 * answered 500 with the request id only: no stack trace, SQL or class name ever reaches the client.
 */
@Provider
@ApplicationScoped
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable e) {
        String requestId = RequestIds.of(request, null);
        PayloadTooLargeException tooLarge = find(e, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return problem(413, null, tooLarge.getMessage(), requestId);
        }
        if (e instanceof ValidationFailedException v) {
            return validation(v, requestId);
        }
        if (e instanceof NotFoundException) {
            return problem(404, null, e.getMessage(), requestId);
        }
        if (e instanceof AccessDeniedException) {
            return problem(403, null, e.getMessage(), requestId);
        }
        if (e instanceof NotAuthenticatedException) {
            return problem(401, null, e.getMessage(), requestId);
        }
        if (e instanceof ConflictException) {
            return problem(409, null, e.getMessage(), requestId);
        }
        if (e instanceof InvalidInputException) {
            return problem(422, null, e.getMessage(), requestId);
        }
        if (e instanceof MalformedRequestException) {
            return problem(400, null, e.getMessage(), requestId);
        }
        if (e instanceof WebApplicationException w && w.getResponse() != null) {
            int status = w.getResponse().getStatus();
            if (status < 500) {
                Response r = problem(status, null, webDetail(w, status), requestId);
                if (w instanceof NotAllowedException) {
                    return Response.fromResponse(r).allow(w.getResponse().getAllowedMethods()).build();
                }
                return r;
            }
        }
        if (find(e, JsonbException.class) != null || find(e, JsonException.class) != null
                || e instanceof ProcessingException) {
            Throwable cause = find(e, JsonbException.class) != null ? find(e, JsonbException.class) : e;
            return problem(400, "Malformed request body", "The body is not a valid JSON document of the expected "
                    + "shape: " + firstLine(cause.getMessage()), requestId);
        }
        LOG.log(Level.SEVERE, "request " + requestId + " failed", e);
        return problem(500, null, "The registry could not complete the request; quote request id " + requestId + ".",
                requestId);
    }

    private static String webDetail(WebApplicationException w, int status) {
        return switch (status) {
            case 404 -> "Nothing is served at this path.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "The API answers application/json (errors application/problem+json).";
            case 415 -> "This content type is not accepted here.";
            default -> status == 400 ? "The request could not be read." : ProblemJson.title(status) + ".";
        };
    }

    private static final java.util.regex.Pattern UNKNOWN_PROPERTY =
            java.util.regex.Pattern.compile("Json property (\\S+) can not be mapped.*");

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable.";
        }
        String line = message.lines().findFirst().orElse("");
        java.util.regex.Matcher unknown = UNKNOWN_PROPERTY.matcher(line);
        if (unknown.matches()) {
            return "unknown property \"" + unknown.group(1) + "\".";
        }
        // drop Java class names some parsers put in their messages
        line = line.replaceAll("\\b(?:[a-z]+\\.)+[A-Z][A-Za-z0-9$]*", "");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    static Response problem(int status, String title, String detail, String requestId) {
        return Response.status(status).type(ProblemJson.MEDIA_TYPE)
                .entity(ProblemJson.of(status, title == null ? ProblemJson.title(status) : title, detail, requestId)
                        .toString())
                .build();
    }

    private static Response validation(ValidationFailedException v, String requestId) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Jsonp.createGenerator(out)) {
            g.writeStartObject();
            ProblemJson.builder(422, "Validation failed", v.getMessage(), requestId).build()
                    .forEach((name, value) -> g.write(name, value));
            long errors = v.problems().stream().filter(Problem::isError).count();
            g.write("errors", errors);
            g.write("warnings", v.problems().size() - errors);
            ProblemJsonWriter.writeArray(g, "problems", v.problems());
            g.writeEnd();
        }
        return Response.status(422).type(ProblemJson.MEDIA_TYPE).entity(out.toString()).build();
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
