package org.lmsregistry.web.patient;

import java.util.List;

/**
 * Which patients to list: any combination of sites (the caller's scope is applied on top), primary
 * tumour location, FNCLCC grade, diagnosis year range and search words; null means "any".
 *
 * @param words what a coordinator typed into the search box (see {@link PatientSearchWords}); every
 *     word must match the patient somewhere
 */
public record PatientFilter(List<Long> siteIds, String primaryLocation, String grade, Integer diagnosisYearFrom,
        Integer diagnosisYearTo, PatientSearchWords words) {

    public PatientFilter(List<Long> siteIds, String primaryLocation, String grade, Integer diagnosisYearFrom,
            Integer diagnosisYearTo) {
        this(siteIds, primaryLocation, grade, diagnosisYearFrom, diagnosisYearTo, PatientSearchWords.NONE);
    }

    public PatientFilter {
        words = words == null ? PatientSearchWords.NONE : words;
    }
}
