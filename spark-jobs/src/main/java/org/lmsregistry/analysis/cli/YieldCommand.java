package org.lmsregistry.analysis.cli;

import java.util.Map;

import org.lmsregistry.analysis.jobs.AnalysisContext;
import org.lmsregistry.analysis.jobs.YieldJob;
import org.lmsregistry.analysis.output.AnalysisResult;

import picocli.CommandLine.Command;

@Command(name = "yield", mixinStandardHelpOptions = true,
        description = {"Recurrence-detection yield of surveillance imaging by modality: confirmed detections / "
                + "surveillance studies with Wilson intervals, by grade group (G1 vs G2-3), primary location, "
                + "follow-up interval (0-2, 2-3, 3-5, >5 years after surgery), recurrence type and body region; "
                + "chi-square homogeneity across modalities, pairwise tests with Holm's adjustment, studies per "
                + "detection; detection share by first finder and delay from the previous negative study."},
        footer = {"", "Example:", "  yield --source snapshots/2025-01 --out results/yield"})
public final class YieldCommand extends AnalysisCommand {

    @Override
    protected String job() {
        return "yield";
    }

    @Override
    protected Map<String, Object> parameters() {
        return Map.of();
    }

    @Override
    protected AnalysisResult analyse(AnalysisContext context) {
        return YieldJob.run(context);
    }
}
