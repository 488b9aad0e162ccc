package org.lmsregistry.web.interfaces.rest;

import jakarta.json.JsonObject;
import java.time.OffsetDateTime;

/** Request bodies read with JSON-B (unknown properties refused, see {@link JsonbConfiguration}). */
final class Dtos {

    private Dtos() {
    }

    public record LoginRequest(String username, String password) {
    }

    public record SiteInput(String code, String name, String country, Boolean active) {
    }

    public record TokenInput(String site, String label, OffsetDateTime expiresAt) {
    }

    public record AccountInput(String username, String role, String site, String password) {
    }

    public record MessageInput(String body) {
    }

    public record CloseInput(String note) {
    }

    public record AnalysisInput(String kind, JsonObject parameters, JsonObject cohort) {
    }
}
