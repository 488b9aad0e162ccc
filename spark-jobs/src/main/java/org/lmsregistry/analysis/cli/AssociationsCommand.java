package org.lmsregistry.analysis.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lmsregistry.analysis.jobs.AnalysisContext;
import org.lmsregistry.analysis.jobs.AssociationsJob;
import org.lmsregistry.analysis.jobs.Features;
import org.lmsregistry.analysis.jobs.Outcomes;
import org.lmsregistry.analysis.output.AnalysisResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "associations", mixinStandardHelpOptions = true,
        description = {"Imaging features against a binary outcome within a horizon: 2x2 tables by site with Woolf "
                + "odds ratios, Fisher's exact and chi-square tests; Mantel-Haenszel, Breslow-Day and "
                + "DerSimonian-Laird (I squared) across sites; logistic regression per unit and per SD, crude and "
                + "adjusted; Benjamini-Hochberg q-values across features.",
                "Binary features: peripheral_enhancement, necrosis_present, heterogeneous, irregular_margin, "
                        + "haemorrhage, calcification, vessel_involvement, organ_wall_continuity, t2_heterogeneous, "
                        + "deep, size_gt_<cut>mm, high_grade, retroperitoneal, radiotherapy.",
                "Continuous features: diameter_cm, imaging_diameter_cm, adc_mean, age_years, radiomics_<IBSI name>. "
                        + "Model covariates also: grade (G2, G3 vs G1), size (pathological diameter per cm)."},
        footer = {"", "Examples:",
                "  associations --source snap/ --out res/assoc --outcome metastasis --horizon-days 1095",
                "  associations --source snap/ --out res/assoc --model peripheral_enhancement,deep,size,grade"})
public final class AssociationsCommand extends AnalysisCommand {

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

    private AssociationsJob.Options options() {
        return new AssociationsJob.Options(Outcomes.parse(outcome), horizonDays, features, continuous, adjust, model,
                sizeCutMm);
    }

    @Override
    protected String job() {
        return "associations";
    }

    @Override
    protected Map<String, Object> parameters() {
        return options().describe();
    }

    @Override
    protected AnalysisResult analyse(AnalysisContext context) {
        return AssociationsJob.run(context, options());
    }
}
