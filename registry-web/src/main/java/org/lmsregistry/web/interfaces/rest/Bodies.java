package org.lmsregistry.web.interfaces.rest;

import org.lmsregistry.web.infrastructure.json.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.InputStream;
import org.lmsregistry.web.application.MalformedRequestException;
import org.lmsregistry.web.application.PayloadTooLargeException;

/** Reading JSON request bodies that are passed on as JSON (records), with clear 400s. */
final class Bodies {

    private Bodies() {
    }

    static JsonObject object(InputStream body) {
        if (body == null) {
            throw new MalformedRequestException("A JSON object is required as the body.");
        }
        try (JsonReader reader = Jsonp.createReader(body)) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject object)) {
                throw new MalformedRequestException("The body must be one JSON object, was " + value.getValueType() + ".");
            }
            return object;
        } catch (PayloadTooLargeException e) {
            throw e;
        } catch (JsonException e) {
            if (e.getCause() instanceof PayloadTooLargeException p) {
                throw p;
            }
            throw new MalformedRequestException("The body is not valid JSON: " + e.getMessage());
        }
    }

    static <T> T required(T dto) {
        if (dto == null) {
            throw new MalformedRequestException("A JSON object is required as the body.");
        }
        return dto;
    }
}
