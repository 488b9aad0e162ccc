package org.lmsregistry.analysis.cli;

import java.util.List;

import org.lmsregistry.analysis.jobs.Endpoints;
import org.lmsregistry.analysis.jobs.SurvivalJob;

import picocli.CommandLine.Option;

/**
 * The options of the survival analysis (the {@code survival} job and {@code analyse}); the curves' length
 * ({@code --max-years}) is declared by each command, since {@code analyse} shares it with adherence.
 */
public final class SurvivalOptions {

    @Option(names = "--endpoint", paramLabel = "ENDPOINT", defaultValue = "recurrence_free",
            description = "The endpoint (default ${DEFAULT-VALUE}).")
    String endpoint;

    @Option(names = "--covariates", paramLabel = "NAME", split = ",",
            defaultValue = "grade,size,deep,peripheral_enhancement",
            description = "Cox model covariates (default ${DEFAULT-VALUE}).")
    List<String> covariates;

    @Option(names = "--feature", paramLabel = "NAME", defaultValue = "peripheral_enhancement",
            description = "Binary feature for the second set of Kaplan-Meier curves (default ${DEFAULT-VALUE}).")
    String feature;

    SurvivalJob.Options options(int maxYears) {
        return new SurvivalJob.Options(Endpoints.parse(endpoint), covariates, feature, maxYears);
    }
}
