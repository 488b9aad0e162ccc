package org.lmsregistry.web.patient;

import java.util.List;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.validation.Problem;

/**
 * What a single-record write did.
 *
 * @param record      the record as stored
 * @param created     whether it was new (else it replaced a stored record, or was equal to it)
 * @param changed     whether anything was written (and audited)
 * @param warnings    validation warnings, each raised as a data query unless one is already open
 * @param dataQueries how many new data queries were raised
 */
public record WriteOutcome(RegistryRecord record, boolean created, boolean changed, List<Problem> warnings,
        int dataQueries) {
}
