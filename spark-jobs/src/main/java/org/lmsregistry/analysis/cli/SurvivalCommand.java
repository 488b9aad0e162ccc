package org.lmsregistry.analysis.cli;

import java.util.Map;

import org.lmsregistry.analysis.jobs.AnalysisContext;
import org.lmsregistry.analysis.jobs.SurvivalJob;
import org.lmsregistry.analysis.output.AnalysisResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    SurvivalOptions survival;

    @Option(names = "--max-years", paramLabel = "YEARS", defaultValue = "10",
            description = "Length of the curves and yearly tables (default ${DEFAULT-VALUE}).")
    int maxYears;

    private SurvivalJob.Options options() {
        return survival.options(maxYears);
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
