package org.lmsregistry.analysis.cli;

import java.util.Map;

import org.lmsregistry.analysis.jobs.AnalysisContext;
import org.lmsregistry.analysis.jobs.DescribeJob;
import org.lmsregistry.analysis.output.AnalysisResult;

import picocli.CommandLine.Command;

@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Table 1 of the cohort overall and by site (age, sex, primary location, grade, size, depth, "
                + "follow-up) and data completeness per site.",
        footer = {"", "Example:", "  describe --source snapshots/2025-01 --cohort uterine.json --out results/describe"})
public final class DescribeCommand extends AnalysisCommand {

    @Override
    protected String job() {
        return "describe";
    }

    @Override
    protected Map<String, Object> parameters() {
        return Map.of();
    }

    @Override
    protected AnalysisResult analyse(AnalysisContext context) {
        return DescribeJob.run(context);
    }
}
