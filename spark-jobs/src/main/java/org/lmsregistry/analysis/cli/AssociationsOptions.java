package org.lmsregistry.analysis.cli;

import java.util.ArrayList;
import java.util.List;

import org.lmsregistry.analysis.jobs.AssociationsJob;
import org.lmsregistry.analysis.jobs.Features;
import org.lmsregistry.analysis.jobs.Outcomes;

import picocli.CommandLine.Option;

/** The options of the associations analysis (the {@code associations} job and {@code analyse}). */
public final class AssociationsOptions {

    @Option(names = "--outcome", paramLabel = "OUTCOME", defaultValue = "metastasis",
            description = "metastasis, local_recurrence, recurrence (either) or death (default ${DEFAULT-VALUE}).")
    String outcome;

    @Option(names = "--horizon-days", paramLabel = "DAYS", defaultValue = "1095",
            description = "Events on or before this day from diagnosis count (default ${DEFAULT-VALUE}).")
    int horizonDays;

    @Option(names = "--features", paramLabel = "NAME", split = ",",
            description = "Binary features to analyse (default: all).")
    List<String> features = new ArrayList<>();

    @Option(names = "--continuous", paramLabel = "NAME", split = ",",
            description = "Continuous features to analyse (default: all, radiomics included).")
    List<String> continuous = new ArrayList<>();

    @Option(names = "--adjust", paramLabel = "NAME", split = ",", defaultValue = Features.GRADE + "," + Features.SIZE,
            description = "Covariates of the adjusted models (default ${DEFAULT-VALUE}).")
    List<String> adjust;

    @Option(names = "--model", paramLabel = "NAME", split = ",",
            description = "Also fit and report this multivariable model, e.g. "
                    + "peripheral_enhancement,deep,size,grade.")
    List<String> model = new ArrayList<>();

    @Option(names = "--size-cut-mm", paramLabel = "MM", defaultValue = "100",
            description = "Cut of the binary size feature size_gt_<MM>mm (default ${DEFAULT-VALUE}).")
    int sizeCutMm;

    AssociationsJob.Options options() {
        return new AssociationsJob.Options(Outcomes.parse(outcome), horizonDays, features, continuous, adjust, model,
                sizeCutMm);
    }
}
