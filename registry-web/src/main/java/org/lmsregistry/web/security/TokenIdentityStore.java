package org.lmsregistry.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.EnumSet;
import java.util.Set;

/** The identity store of machines: API bearer tokens, found by their SHA-256 in {@code api_token}. */
@ApplicationScoped
public class TokenIdentityStore implements IdentityStore {

    @Inject
    CallerDirectory directory;

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE);
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof BearerTokenCredential bearer)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        if (!ApiTokens.looksLikeToken(bearer.token())) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return directory.token(ApiTokens.hash(bearer.token()))
                .map(caller -> new CredentialValidationResult(new RegistryPrincipal(caller),
                        Set.of(caller.role().name())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
