package org.lmsregistry.web.interfaces.rest;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/**
 * The registry's REST API, version 1, at {@code /api/v1} (see docs/api.md). Resources are thin
 * adapters: they read requests, call one application service and write JSON; permissions, site
 * scoping, validation, transactions and audit are the services' business.
 */
@ApplicationPath("api/v1")
@DeclareRoles({"ADMIN", "COORDINATOR", "STATISTICIAN", "UPLOADER"})
@OpenAPIDefinition(
        info = @Info(title = "LMS Imaging Registry API", version = "1",
                description = "Multi-center leiomyosarcoma imaging research registry: de-identified patients and "
                        + "their records, bulk uploads, data queries, sites, tokens and the audit trail. Errors are "
                        + "RFC 9457 problem details (application/problem+json)."),
        security = {@SecurityRequirement(name = "bearer"), @SecurityRequirement(name = "basic")})
@SecuritySchemes({
    @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
            description = "API token of one site (role UPLOADER), created by an administrator"),
    @SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic",
            description = "Username and password of a person; prefer a session (POST /api/v1/session)"),
    @SecurityScheme(securitySchemeName = "session", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE,
            apiKeyName = "JSESSIONID", description = "Session of a person; unsafe methods need X-CSRF-Token")
})
public class RegistryApi extends Application {
}
