package org.lmsregistry.analysis.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

@Command(name = "associations", mixinStandardHelpOptions = true, description = "Not yet implemented.")
public final class AssociationsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("associations is not implemented yet");
    }
}
