package org.lmsregistry.web.account;

/**
 * Turns a password into the string stored in {@code account.password_hash}. In the application
 * this is Jakarta Security's {@code Pbkdf2PasswordHash} initialised with {@link PasswordHashing};
 * the interface keeps JDBC code that stores accounts testable without a container.
 */
@FunctionalInterface
public interface PasswordEncoder {

    String encode(char[] password);
}
