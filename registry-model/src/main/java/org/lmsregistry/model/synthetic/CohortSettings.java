package org.lmsregistry.model.synthetic;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to generate: the seed, the sites with their profiles, how many patients each site has and
 * the calendar frame (diagnosis years and the data cut-off). Same settings, same cohort.
 *
 * @param seed               the cohort seed
 * @param sites              the sites' profiles, in order (a site's position is part of every
 *                           patient's random key)
 * @param patientsPerSite    number of patients of each site, in the same order
 * @param firstDiagnosisYear earliest year of diagnosis (uniform over the years)
 * @param lastDiagnosisYear  latest year of diagnosis
 * @param dataCutoffYear     the data are cut off on 1 January of this year: the administrative end
 *                           of follow-up
 */
public record CohortSettings(long seed, List<SiteProfile> sites, List<Integer> patientsPerSite,
        int firstDiagnosisYear, int lastDiagnosisYear, int dataCutoffYear) implements Serializable {

    /** Default calendar frame: diagnoses 2008-2021, cut-off on 1 January 2025 (3-17 years of follow-up). */
    public static final int DEFAULT_FIRST_DIAGNOSIS_YEAR = 2008;
    public static final int DEFAULT_LAST_DIAGNOSIS_YEAR = 2021;
    public static final int DEFAULT_DATA_CUTOFF_YEAR = 2025;

    public CohortSettings {
        sites = List.copyOf(sites);
        patientsPerSite = List.copyOf(patientsPerSite);
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("at least one site is needed");
        }
        if (sites.size() != patientsPerSite.size()) {
            throw new IllegalArgumentException("one patient count per site is needed: " + sites.size() + " sites, "
                    + patientsPerSite.size() + " counts");
        }
        Set<String> codes = new HashSet<>();
        for (SiteProfile s : sites) {
            if (!codes.add(s.code())) {
                throw new IllegalArgumentException("duplicate site code " + s.code());
            }
        }
        for (Integer n : patientsPerSite) {
            if (Objects.requireNonNull(n) < 0) {
                throw new IllegalArgumentException("patient counts must be 0 or more");
            }
        }
        if (firstDiagnosisYear < 1970 || lastDiagnosisYear < firstDiagnosisYear) {
            throw new IllegalArgumentException("diagnosis years must satisfy 1970 <= first <= last, were "
                    + firstDiagnosisYear + "-" + lastDiagnosisYear);
        }
        if (dataCutoffYear <= lastDiagnosisYear || dataCutoffYear - firstDiagnosisYear > 90) {
            throw new IllegalArgumentException("the data cut-off year must be after the last diagnosis year and "
                    + "at most 90 years after the first, was " + dataCutoffYear);
        }
    }

    /** Default profiles for {@code sites} sites (see {@link SiteProfile#defaults}), the same count at each. */
    public static CohortSettings defaults(long seed, int sites, int patientsPerSite) {
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < sites; i++) {
            counts.add(patientsPerSite);
        }
        return new CohortSettings(seed, SiteProfile.defaults(sites), counts, DEFAULT_FIRST_DIAGNOSIS_YEAR,
                DEFAULT_LAST_DIAGNOSIS_YEAR, DEFAULT_DATA_CUTOFF_YEAR);
    }

    /** Default profiles, {@code totalPatients} split as evenly as possible (the first sites get one more). */
    public static CohortSettings ofTotal(long seed, int sites, int totalPatients) {
        if (totalPatients < 0) {
            throw new IllegalArgumentException("total must be 0 or more");
        }
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < sites; i++) {
            counts.add(totalPatients / sites + (i < totalPatients % sites ? 1 : 0));
        }
        return new CohortSettings(seed, SiteProfile.defaults(sites), counts, DEFAULT_FIRST_DIAGNOSIS_YEAR,
                DEFAULT_LAST_DIAGNOSIS_YEAR, DEFAULT_DATA_CUTOFF_YEAR);
    }

    public long totalPatients() {
        long total = 0;
        for (int n : patientsPerSite) {
            total += n;
        }
        return total;
    }

    public int siteCount() {
        return sites.size();
    }

    public CohortSettings withSeed(long newSeed) {
        return new CohortSettings(newSeed, sites, patientsPerSite, firstDiagnosisYear, lastDiagnosisYear,
                dataCutoffYear);
    }

    /** Other profiles for the same number of sites (and the same patient counts). */
    public CohortSettings withSites(List<SiteProfile> newSites) {
        return new CohortSettings(seed, newSites, patientsPerSite, firstDiagnosisYear, lastDiagnosisYear,
                dataCutoffYear);
    }

    public CohortSettings withPatientsPerSite(List<Integer> newCounts) {
        return new CohortSettings(seed, sites, newCounts, firstDiagnosisYear, lastDiagnosisYear, dataCutoffYear);
    }

    public CohortSettings withCalendar(int newFirstDiagnosisYear, int newLastDiagnosisYear, int newDataCutoffYear) {
        return new CohortSettings(seed, sites, patientsPerSite, newFirstDiagnosisYear, newLastDiagnosisYear,
                newDataCutoffYear);
    }
}
