package org.lmsregistry.web.patient;

import java.util.List;

/** Listing patients (the read side; writes go through the record change path). */
public interface PatientRepository {

    /** One page of patients, ordered by site code and pseudonym. */
    List<PatientEntry> find(PatientFilter filter, int offset, int limit);

    /** One page of patients in the given order (ties by site code and pseudonym). */
    List<PatientEntry> find(PatientFilter filter, PatientOrder order, int offset, int limit);

    long count(PatientFilter filter);
}
