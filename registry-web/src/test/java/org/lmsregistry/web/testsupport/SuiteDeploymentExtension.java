package org.lmsregistry.web.testsupport;

import org.jboss.arquillian.config.descriptor.api.ArquillianDescriptor;
import org.jboss.arquillian.config.descriptor.api.ExtensionDef;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentScenario;
import org.jboss.arquillian.container.spi.event.DeployManagedDeployments;
import org.jboss.arquillian.container.spi.event.UnDeployManagedDeployments;
import org.jboss.arquillian.container.test.impl.client.deployment.event.GenerateDeployment;
import org.jboss.arquillian.core.api.Event;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.InstanceProducer;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.arquillian.test.spi.annotation.ClassScoped;
import org.jboss.arquillian.test.spi.context.ClassContext;
import org.jboss.arquillian.test.spi.event.suite.AfterSuite;

/**
 * Makes one Arquillian deployment serve every test class of the run, because each Payara Micro
 * start costs 10-20 s and the managed Micro container starts a new JVM per deployment.
 *
 * <p>Arquillian normally generates, deploys and undeploys the {@code @Deployment} of each test
 * class. With this extension the first test class triggers the deployment of the class named in
 * arquillian.xml ({@code <extension qualifier="suite-deployment">}, property
 * {@code deploymentClass}); every later class reuses that scenario (so {@code @ArquillianResource}
 * URLs and in-container invocation keep working), and the undeployment happens once, after the
 * last class. A test class with its own {@code @Deployment} methods keeps the standard
 * per-class lifecycle.
 */
public final class SuiteDeploymentExtension implements LoadableExtension {

    static final String QUALIFIER = "suite-deployment";

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(SuiteDeployer.class);
    }

    /** The observer that intercepts Arquillian's class-level deployment events. */
    public static final class SuiteDeployer {

        @Inject
        @ClassScoped
        private InstanceProducer<DeploymentScenario> classScenario;

        @Inject
        private Instance<ClassContext> classContext;

        @Inject
        private Instance<ArquillianDescriptor> descriptor;

        @Inject
        private Event<GenerateDeployment> generateDeployment;

        @Inject
        private Event<UnDeployManagedDeployments> undeployManaged;

        private Class<?> deploymentClass;
        private DeploymentScenario suiteScenario;
        private boolean generatingSuite;
        private boolean deployed;
        private RuntimeException deploymentFailure;

        public void generate(@Observes EventContext<GenerateDeployment> context) {
            Class<?> testClass = context.getEvent().getTestClass().getJavaClass();
            if (generatingSuite || declaresOwnDeployment(testClass)) {
                context.proceed();
                return;
            }
            if (suiteScenario == null) {
                generatingSuite = true;
                try {
                    generateDeployment.fire(new GenerateDeployment(new TestClass(deploymentClass())));
                } finally {
                    generatingSuite = false;
                }
                suiteScenario = classScenario.get();
            } else {
                classScenario.set(suiteScenario);
            }
        }

        public void deploy(@Observes EventContext<DeployManagedDeployments> context) {
            if (!isSuiteScenario()) {
                context.proceed();
                return;
            }
            if (deploymentFailure != null) {
                throw new IllegalStateException("the shared deployment failed earlier in this run", deploymentFailure);
            }
            if (!deployed) {
                try {
                    context.proceed();
                    deployed = true;
                } catch (RuntimeException e) {
                    deploymentFailure = e;
                    throw e;
                }
            }
        }

        public void undeploy(@Observes EventContext<UnDeployManagedDeployments> context) {
            if (!isSuiteScenario()) {
                context.proceed();
            }
            // the shared deployment stays until the suite ends
        }

        /** Runs before Arquillian's own AfterSuite handling, which stops the containers. */
        public void undeploySuite(@Observes(precedence = 100) AfterSuite event) {
            if (suiteScenario == null || !deployed) {
                return;
            }
            ClassContext context = classContext.get();
            context.activate(deploymentClass);
            try {
                classScenario.set(suiteScenario);
                suiteScenario = null;
                undeployManaged.fire(new UnDeployManagedDeployments());
            } finally {
                context.deactivate();
                context.destroy(deploymentClass);
                deployed = false;
            }
        }

        private boolean isSuiteScenario() {
            return suiteScenario != null && classScenario.get() == suiteScenario;
        }

        private Class<?> deploymentClass() {
            if (deploymentClass == null) {
                String name = descriptor.get().getExtensions().stream()
                        .filter(e -> QUALIFIER.equals(e.getExtensionName()))
                        .map(ExtensionDef::getExtensionProperties)
                        .map(p -> p.get("deploymentClass"))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("arquillian.xml needs <extension qualifier=\""
                                + QUALIFIER + "\"> with property deploymentClass"));
                try {
                    deploymentClass = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("deployment class " + name + " not found", e);
                }
            }
            return deploymentClass;
        }

        private static boolean declaresOwnDeployment(Class<?> testClass) {
            for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
                for (var m : c.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(org.jboss.arquillian.container.test.api.Deployment.class)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
