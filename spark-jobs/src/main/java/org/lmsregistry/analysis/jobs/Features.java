package org.lmsregistry.analysis.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.lmsregistry.analysis.cohort.PatientTable;

/**
 * The exposures the analyses know by name: binary imaging and tumour features, continuous ones, and the
 * covariates of adjusted models ({@code grade}: G2 and G3 against G1; {@code size}: pathological largest
 * diameter per cm). Radiomics values are continuous features named {@code radiomics_<IBSI name>}.
 */
public final class Features {

    /** A named exposure and how it is computed from the patient table (null when unknown). */
    public record Feature(String name, String label, boolean binary, Column column, String unit) {
    }

    /** Covariate name of the FNCLCC grade (categorical, reference G1). */
    public static final String GRADE = "grade";
    /** Covariate name of the pathological size per cm. */
    public static final String SIZE = "size";

    private Features() {
    }

    /** Binary features; {@code sizeCutMm} defines {@code size_gt_<cut>mm}. */
    public static Map<String, Feature> binary(int sizeCutMm) {
        Map<String, Feature> m = new LinkedHashMap<>();
        add(m, PatientTable.PERIPHERAL_ENHANCEMENT, "Peripheral enhancement", col(PatientTable.PERIPHERAL_ENHANCEMENT));
        add(m, PatientTable.NECROSIS, "Necrosis on imaging", col(PatientTable.NECROSIS));
        add(m, PatientTable.HETEROGENEOUS, "Heterogeneous", col(PatientTable.HETEROGENEOUS));
        add(m, PatientTable.IRREGULAR_MARGIN, "Irregular or infiltrative margins", col(PatientTable.IRREGULAR_MARGIN));
        add(m, PatientTable.HAEMORRHAGE, "Haemorrhage", col(PatientTable.HAEMORRHAGE));
        add(m, PatientTable.CALCIFICATION, "Calcification (CT)", col(PatientTable.CALCIFICATION));
        add(m, PatientTable.VESSEL_INVOLVEMENT, "Vessel involvement", col(PatientTable.VESSEL_INVOLVEMENT));
        add(m, PatientTable.ORGAN_WALL, "Continuity with the organ wall", col(PatientTable.ORGAN_WALL));
        add(m, "t2_heterogeneous", "Heterogeneous T2 signal (MRI)",
                when(col(PatientTable.T2_SIGNAL).isNull(), null).otherwise(col(PatientTable.T2_SIGNAL)
                        .equalTo("HETEROGENEOUS")));
        add(m, PatientTable.DEEP, "Deep (vs superficial)", col(PatientTable.DEEP));
        add(m, "size_gt_" + sizeCutMm + "mm", "Pathological size above " + sizeCutMm + " mm",
                when(col(PatientTable.DIAMETER_MM).isNull(), null).otherwise(col(PatientTable.DIAMETER_MM)
                        .gt(sizeCutMm)));
        add(m, "high_grade", "High grade (G2-G3 vs G1)",
                when(col(PatientTable.GRADE).isNull(), null).otherwise(col(PatientTable.GRADE).isin("G2", "G3")));
        add(m, PatientTable.RETROPERITONEAL, "Retroperitoneal or IVC primary", col(PatientTable.RETROPERITONEAL));
        add(m, PatientTable.RADIOTHERAPY, "Radiotherapy (neoadjuvant or adjuvant)", col(PatientTable.RADIOTHERAPY));
        return m;
    }

    private static void add(Map<String, Feature> m, String name, String label, Column c) {
        m.put(name, new Feature(name, label, true, c.cast("boolean"), null));
    }

    /** Continuous features (radiomics added by name). */
    public static Map<String, Feature> continuous(List<String> radiomicsNames) {
        Map<String, Feature> m = new LinkedHashMap<>();
        m.put("diameter_cm", new Feature("diameter_cm", "Pathological largest diameter", false,
                col(PatientTable.DIAMETER_MM).cast("double").divide(10), "cm"));
        m.put("imaging_diameter_cm", new Feature("imaging_diameter_cm", "Largest diameter on imaging", false,
                col(PatientTable.IMAGING_DIAMETER_MM).cast("double").divide(10), "cm"));
        m.put("adc_mean", new Feature("adc_mean", "Mean ADC (MRI)", false, col(PatientTable.ADC).cast("double"),
                "10^-6 mm2/s"));
        m.put("age_years", new Feature("age_years", "Age at diagnosis", false, col(PatientTable.AGE).cast("double"),
                "years"));
        for (String r : radiomicsNames) {
            String name = "radiomics_" + r;
            m.put(name, new Feature(name, "Radiomics " + r, false, col(name).cast("double"), "IBSI unit"));
        }
        return m;
    }

    /** Every feature name, for messages. */
    public static List<String> names(Map<String, Feature> binary, Map<String, Feature> continuous) {
        List<String> n = new ArrayList<>(binary.keySet());
        n.addAll(continuous.keySet());
        n.add(GRADE);
        n.add(SIZE);
        return n;
    }
}
