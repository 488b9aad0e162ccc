package org.lmsregistry.web.interfaces.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request has an id: the caller's {@code X-Request-Id} when it is a plain token (so that an ETL
 * run and the registry's audit trail can be matched), else a new UUID. It is echoed in the response
 * header, written into audit events and problem details, and logged with server errors.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = RequestIds.class.getName();
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {
    }

    /** The request's id, assigned (and set on the response) on first use. */
    public static String of(HttpServletRequest request, HttpServletResponse response) {
        Object id = request.getAttribute(ATTRIBUTE);
        if (id instanceof String s) {
            return s;
        }
        String given = request.getHeader(HEADER);
        String assigned = given != null && ACCEPTED.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, assigned);
        if (response != null && !response.isCommitted()) {
            response.setHeader(HEADER, assigned);
        }
        return assigned;
    }
}
