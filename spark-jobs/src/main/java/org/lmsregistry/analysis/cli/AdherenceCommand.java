package org.lmsregistry.analysis.cli;

import java.util.Map;

import org.lmsregistry.analysis.jobs.AdherenceJob;
import org.lmsregistry.analysis.jobs.AnalysisContext;
import org.lmsregistry.analysis.output.AnalysisResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "adherence", mixinStandardHelpOptions = true,
        description = {"Adherence to the grade-dependent surveillance guideline (SurveillanceGuideline): the share "
                + "of guideline intervals in which the patient was imaged as recommended, by site and grade group: "
                + "any imaging, the primary site (MRI; CT or MRI of the abdomen and pelvis for abdominal primaries) "
                + "and the chest (CT); and the share of overdue gaps between visits."},
        footer = {"", "Example:", "  adherence --source snapshots/2025-01 --out results/adherence"})
public final class AdherenceCommand extends AnalysisCommand {

    @Option(names = "--max-years", paramLabel = "YEARS", defaultValue = "10",
            description = "Count intervals up to this many years after primary treatment (default ${DEFAULT-VALUE}).")
    int maxYears;

    @Override
    protected String job() {
        return "adherence";
    }

    @Override
    protected Map<String, Object> parameters() {
        return parameters(maxYears);
    }

    /** The adherence parameters for the provenance (also used by {@code analyse}). */
    static Map<String, Object> parameters(int maxYears) {
        // in a fixed order in result.json (Map.of iterates in an order that changes from one JVM to the next)
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("maxYears", maxYears);
        m.put("guideline", "SurveillanceGuideline.standard() (lenient, 30 days tolerance)");
        return m;
    }

    @Override
    protected AnalysisResult analyse(AnalysisContext context) {
        return AdherenceJob.run(context, maxYears);
    }
}
