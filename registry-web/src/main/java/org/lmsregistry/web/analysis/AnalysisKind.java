package org.lmsregistry.web.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The analyses the registry can launch: the spark-jobs commands of the same name, and the
 * parameters each accepts from the web (every other job option is the launcher's to set).
 */
public enum AnalysisKind {
    DESCRIBE("describe", "Table 1 and data completeness"),
    ASSOCIATIONS("associations", "Imaging features and an outcome"),
    YIELD("yield", "Recurrence-detection yield by imaging modality"),
    SURVIVAL("survival", "Kaplan-Meier, log-rank and Cox"),
    ADHERENCE("adherence", "Surveillance schedule adherence");

    private final String job;
    private final String label;

    AnalysisKind(String job, String label) {
        this.job = job;
        this.label = label;
    }

    /** The spark-jobs command, also the {@code kind} stored on the run. */
    public String job() {
        return job;
    }

    public String label() {
        return label;
    }

    /** The parameters this kind accepts (the common ones first). */
    public List<AnalysisParameter> parameters() {
        return Arrays.stream(AnalysisParameter.values()).filter(p -> p.appliesTo(this)).toList();
    }

    public static Optional<AnalysisKind> ofJob(String job) {
        return Arrays.stream(values()).filter(k -> k.job.equals(job)).findFirst();
    }
}
