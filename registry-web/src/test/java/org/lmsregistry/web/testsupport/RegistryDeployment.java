package org.lmsregistry.web.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The single deployment shared by every {@link RegistryIT} class (wired by
 * {@link SuiteDeploymentExtension} through arquillian.xml).
 *
 * <p>It is the WAR Maven just packaged ({@code target/registry-web.war}), so the tests exercise
 * the artifact that ships, plus the compiled test classes and AssertJ for tests that run inside
 * the server. Hence integration tests run in {@code verify}, after {@code package}.
 */
public final class RegistryDeployment {

    /** Archive name; Payara Micro derives the context root {@code /registry-web} from it. */
    public static final String ARCHIVE_NAME = "registry-web.war";

    private RegistryDeployment() {
    }

    @Deployment
    public static WebArchive create() {
        Path war = Path.of(System.getProperty("lms.it.war", "target/registry-web.war"));
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war + " does not exist: run the integration tests with ./mvnw verify");
        }
        WebArchive archive = ShrinkWrap.create(ZipImporter.class, ARCHIVE_NAME).importFrom(war.toFile())
                .as(WebArchive.class);
        addTestClasses(archive);
        archive.addAsLibrary(jarOf(Assertions.class).toFile());
        return archive;
    }

    /** Every compiled test class (not the client-side resources such as arquillian.xml). */
    private static void addTestClasses(WebArchive archive) {
        Path root = jarOf(RegistryDeployment.class);
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".class")).forEach(p -> {
                String relative = root.relativize(p).toString().replace('\\', '/');
                archive.addAsWebInfResource(p.toFile(), "classes/" + relative);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
