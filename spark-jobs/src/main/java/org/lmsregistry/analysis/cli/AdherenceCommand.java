package org.lmsregistry.analysis.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

@Command(name = "adherence", mixinStandardHelpOptions = true, description = "Not yet implemented.")
public final class AdherenceCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("adherence is not implemented yet");
    }
}
