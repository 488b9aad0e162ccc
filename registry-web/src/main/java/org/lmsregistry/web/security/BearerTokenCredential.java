package org.lmsregistry.web.security;

import jakarta.security.enterprise.credential.Credential;
import java.util.Objects;

/** An API token from an {@code Authorization: Bearer} header. */
public final class BearerTokenCredential implements Credential {

    private final String token;

    public BearerTokenCredential(String token) {
        this.token = Objects.requireNonNull(token);
    }

    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return "BearerTokenCredential[***]";
    }
}
