package org.lmsregistry.analysis.cli;

import java.util.Map;

import org.lmsregistry.analysis.jobs.AnalysisContext;
import org.lmsregistry.analysis.jobs.AssociationsJob;
import org.lmsregistry.analysis.output.AnalysisResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Mixin
    AssociationsOptions associations;

    private AssociationsJob.Options options() {
        return associations.options();
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
