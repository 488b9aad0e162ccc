package org.lmsregistry.web.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives browser tests the one {@link Browser} of the run: started at first use, kept in the root
 * store and quit when the whole test run ends (before Payara and PostgreSQL stop, as the root store
 * closes in reverse order). Use on {@link RegistryIT} {@code @RunAsClient} classes.
 */
public final class BrowserExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Browser.class, k -> Browser.start(), Browser.class);
    }
}
