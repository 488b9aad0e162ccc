package org.lmsregistry.web.interfaces.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * The OpenAPI document lists JAX-RS paths with their regular expressions
 * ({@code /uploads/{id: [0-9]{1,18}}/answer}), which are not OpenAPI path templates: generated
 * clients and tools cannot use them. This filter ({@code mp.openapi.filter}) keeps the parameter
 * name only ({@code /uploads/{id}/answer}).
 */
public class OpenApiPathTemplates implements OASFilter {

    /** {@code {name: regex}} up to the brace that ends the path segment (the regex may hold braces). */
    private static final Pattern PARAMETER_WITH_REGEX = Pattern.compile("\\{\\s*(\\w+)\\s*:.*?}(?=/|$)");

    static String template(String path) {
        return PARAMETER_WITH_REGEX.matcher(path).replaceAll("{$1}");
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, PathItem> renamed = new LinkedHashMap<>();
        openAPI.getPaths().getPathItems().forEach((path, item) -> renamed.merge(template(path), item, (a, b) -> a));
        openAPI.getPaths().setPathItems(renamed);
    }
}
