package org.lmsregistry.analysis.cli;

import java.util.List;
import java.util.Map;

import org.lmsregistry.analysis.jobs.AnalysisContext;
import org.lmsregistry.analysis.jobs.Endpoints;
import org.lmsregistry.analysis.jobs.SurvivalJob;
import org.lmsregistry.analysis.output.AnalysisResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "survival", mixinStandardHelpOptions = true,
        description = {"Kaplan-Meier curves with numbers at risk by grade and by a feature, log-rank tests, and a Cox "
                + "proportional-hazards model (Efron ties) with hazard ratios and Wald intervals.",
                "Endpoints: local_recurrence (from surgery; deaths censor), metastasis, recurrence_free, death "
                        + "(overall survival), disease_death (from the recorded metastasis; other deaths censor).",
                "Covariates: grade, size (per cm), deep, margin (R1, R2 vs R0), retroperitoneal, radiotherapy, "
                        + "age_per_10y, and any binary or continuous feature of the associations job."},
        footer = {"", "Examples:", "  survival --source snap/ --out res/os --endpoint death",
                "  survival --source snap/ --out res/lr --endpoint local_recurrence "
                        + "--covariates margin,grade,retroperitoneal,radiotherapy"})
public final class SurvivalCommand extends AnalysisCommand {

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

    @Option(names = "--max-years", paramLabel = "YEARS", defaultValue = "10",
            description = "Length of the curves and yearly tables (default ${DEFAULT-VALUE}).")
    int maxYears;

    private SurvivalJob.Options options() {
        return new SurvivalJob.Options(Endpoints.parse(endpoint), covariates, feature, maxYears);
    }

    @Override
    protected String job() {
        return "survival";
    }

    @Override
    protected Map<String, Object> parameters() {
        return options().describe();
    }

    @Override
    protected AnalysisResult analyse(AnalysisContext context) {
        return SurvivalJob.run(context, options());
    }
}
