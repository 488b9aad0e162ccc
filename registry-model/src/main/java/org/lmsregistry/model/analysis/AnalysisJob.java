package org.lmsregistry.model.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The analyses statisticians can request: each is the spark-jobs command of the same name, and
 * takes the parameters of {@link AnalysisParameter} that apply to it (every other option of the
 * command is the launcher's to set).
 */
public enum AnalysisJob {
    DESCRIBE("describe", "Table 1 and data completeness"),
    ASSOCIATIONS("associations", "Imaging features and an outcome"),
    YIELD("yield", "Recurrence-detection yield by imaging modality"),
    SURVIVAL("survival", "Kaplan-Meier, log-rank and Cox"),
    ADHERENCE("adherence", "Surveillance schedule adherence");

    private final String job;
    private final String label;

    AnalysisJob(String job, String label) {
        this.job = job;
        this.label = label;
    }

    /** The spark-jobs command, also the {@code kind} stored on a run and sent by the API. */
    public String job() {
        return job;
    }

    public String label() {
        return label;
    }

    /** The parameters this job accepts, the common ones first. */
    public List<AnalysisParameter> parameters() {
        return Arrays.stream(AnalysisParameter.values()).filter(p -> p.appliesTo(this)).toList();
    }

    public static Optional<AnalysisJob> ofJob(String job) {
        return Arrays.stream(values()).filter(k -> k.job.equals(job)).findFirst();
    }
}
