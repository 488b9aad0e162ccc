package org.lmsregistry.web.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prepares what the registry needs around it, once per test JVM: the embedded {@link TestPostgres}
 * (stopped when the whole test run ends: the root store closes its values in reverse order, so
 * Arquillian, registered after this extension, shuts Payara down first) and the demo accounts'
 * password ({@link #demoPassword()}).
 *
 * <p>Must be registered before {@link ArquillianExtension}: Arquillian resolves the
 * {@code ${lms.it.*}} placeholders of arquillian.xml when its extension first runs. Does nothing
 * inside the container, where JUnit runs the same test class again.
 */
public final class TestEnvironmentExtension implements BeforeAllCallback {

    static final String DEMO_PASSWORD_PROPERTY = "lms.it.demo.password";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TestEnvironmentExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        boolean insideContainer = context.getConfigurationParameter(ArquillianExtension.RUNNING_INSIDE_ARQUILLIAN)
                .map(Boolean::parseBoolean).orElse(false);
        if (insideContainer) {
            return;
        }
        synchronized (TestEnvironmentExtension.class) {
            createTempDirectory();
            if (System.getProperty(DEMO_PASSWORD_PROPERTY) == null) {
                System.setProperty(DEMO_PASSWORD_PROPERTY, randomPassword());
            }
        }
        context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(TestPostgres.class, k -> TestPostgres.start(), TestPostgres.class);
    }

    /** failsafe points java.io.tmpdir into target/, which a clean build removed. */
    private static void createTempDirectory() {
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The password of every demo account of the shared deployment (client side only). */
    public static String demoPassword() {
        String password = System.getProperty(DEMO_PASSWORD_PROPERTY);
        if (password == null) {
            throw new IllegalStateException("test environment not prepared: annotate the class with @RegistryIT");
        }
        return password;
    }

    private static String randomPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder("it-");
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
