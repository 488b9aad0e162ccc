package org.lmsregistry.deploy;

import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a test fails, the end of the registry's Payara log goes to the test's output (failsafe keeps
 * it in {@code target/failsafe-reports/<class>-output.txt}), beside the assertion: what the server
 * said is usually the first thing one needs.
 */
public class ServerLogOnFailure implements TestWatcher {

    private static final int LINES = 80;

    private final Supplier<RunningRegistry> registry;

    /** @param registry the registry of the test class (may answer null while it is not started) */
    public ServerLogOnFailure(Supplier<RunningRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        RunningRegistry r = registry.get();
        if (r != null) {
            System.out.println("--- " + context.getDisplayName() + " failed; last " + LINES + " lines of " + r.serverLog()
                    + ":\n" + r.serverLogTail(LINES) + "\n---");
        }
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        // not a failure of the server
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        // nothing ran
    }
}
