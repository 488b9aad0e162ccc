package org.lmsregistry.analysis.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

@Command(name = "yield", mixinStandardHelpOptions = true, description = "Not yet implemented.")
public final class YieldCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("yield is not implemented yet");
    }
}
