package org.lmsregistry.web.patient;

import java.util.List;

/**
 * Which patients to list: any combination of sites (the caller's scope is applied on top), primary
 * tumour location, FNCLCC grade and diagnosis year range; null means "any".
 */
public record PatientFilter(List<Long> siteIds, String primaryLocation, String grade, Integer diagnosisYearFrom,
        Integer diagnosisYearTo) {
}
