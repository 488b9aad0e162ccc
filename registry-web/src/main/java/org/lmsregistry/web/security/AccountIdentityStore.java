package org.lmsregistry.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.EnumSet;
import java.util.Set;
import org.lmsregistry.web.account.PasswordHashing;

/**
 * The database identity store of people: the {@code account} table, passwords verified with
 * PBKDF2 ({@link PasswordHashing}). An unknown username costs the same PBKDF2 work as a wrong
 * password, so response times do not tell which usernames exist.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    @Inject
    CallerDirectory directory;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    /** Verified against when the username is unknown: same algorithm and cost, matches no password. */
    private String decoyHash;

    @PostConstruct
    void init() {
        passwordHash.initialize(PasswordHashing.parameters());
        decoyHash = passwordHash.generate(ApiTokens.generate().toCharArray());
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE);
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        var account = directory.account(login.getCaller());
        if (account.isEmpty()) {
            passwordHash.verify(login.getPassword().getValue(), decoyHash);
            return CredentialValidationResult.INVALID_RESULT;
        }
        if (!passwordHash.verify(login.getPassword().getValue(), account.get().passwordHash())) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        Caller caller = account.get().caller();
        return new CredentialValidationResult(new RegistryPrincipal(caller), Set.of(caller.role().name()));
    }
}
