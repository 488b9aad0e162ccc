package org.lmsregistry.web.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test against the one shared deployment of the registry (see
 * {@link RegistryDeployment}): Payara Micro with the packaged WAR, on a real PostgreSQL, in demo
 * mode. Test classes declare no {@code @Deployment}; all of them run against a single Payara Micro
 * process that starts with the first and stops after the last. Use {@code @RunAsClient} for HTTP
 * tests; tests without it run inside the server and may inject beans and resources.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TestEnvironmentExtension.class)
@ExtendWith(ArquillianExtension.class)
public @interface RegistryIT {
}
