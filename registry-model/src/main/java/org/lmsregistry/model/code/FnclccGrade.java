package org.lmsregistry.model.code;

/**
 * FNCLCC histological grade of a soft-tissue sarcoma, derived from three components
 * (Trojani M, et al. Int J Cancer 1984;33:37-42; Guillou L, et al. J Clin Oncol 1997;15:350-62):
 * differentiation score 1-3, mitotic score from the count per 10 high-power fields (0-9 -> 1,
 * 10-19 -> 2, 20 or more -> 3) and necrosis score (none 0, below 50% 1, 50% or more 2).
 * The total 2-3 is grade 1, 4-5 grade 2, 6-8 grade 3.
 */
public enum FnclccGrade implements CodeList {
    G1("Grade 1 (total score 2-3)"),
    G2("Grade 2 (total score 4-5)"),
    G3("Grade 3 (total score 6-8)");

    /** Lowest and highest differentiation score. */
    public static final int MIN_DIFFERENTIATION = 1;
    public static final int MAX_DIFFERENTIATION = 3;

    private final String label;

    FnclccGrade(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The mitotic score for a count of mitoses per 10 high-power fields. */
    public static int mitoticScore(int mitosesPer10Hpf) {
        if (mitosesPer10Hpf < 0) {
            throw new IllegalArgumentException("mitoses per 10 HPF must be 0 or more, was " + mitosesPer10Hpf);
        }
        if (mitosesPer10Hpf <= 9) {
            return 1;
        }
        return mitosesPer10Hpf <= 19 ? 2 : 3;
    }

    /** The total FNCLCC score (2-8). */
    public static int totalScore(int differentiationScore, int mitosesPer10Hpf, TumourNecrosis necrosis) {
        if (differentiationScore < MIN_DIFFERENTIATION || differentiationScore > MAX_DIFFERENTIATION) {
            throw new IllegalArgumentException("differentiation score must be 1-3, was " + differentiationScore);
        }
        if (necrosis == null) {
            throw new IllegalArgumentException("necrosis is required to derive the FNCLCC grade");
        }
        return differentiationScore + mitoticScore(mitosesPer10Hpf) + necrosis.score();
    }

    /** The grade for a total score of 2-8. */
    public static FnclccGrade ofTotalScore(int totalScore) {
        if (totalScore < 2 || totalScore > 8) {
            throw new IllegalArgumentException("FNCLCC total score must be 2-8, was " + totalScore);
        }
        if (totalScore <= 3) {
            return G1;
        }
        return totalScore <= 5 ? G2 : G3;
    }

    /** The grade derived from its three components. */
    public static FnclccGrade derive(int differentiationScore, int mitosesPer10Hpf, TumourNecrosis necrosis) {
        return ofTotalScore(totalScore(differentiationScore, mitosesPer10Hpf, necrosis));
    }

    /** Grade 2 or 3: the "high grade" group of the surveillance guidelines. */
    public boolean isHighGrade() {
        return this != G1;
    }
}
