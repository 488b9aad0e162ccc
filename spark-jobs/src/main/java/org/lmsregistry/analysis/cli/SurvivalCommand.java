package org.lmsregistry.analysis.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

@Command(name = "survival", mixinStandardHelpOptions = true, description = "Not yet implemented.")
public final class SurvivalCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("survival is not implemented yet");
    }
}
