package org.lmsregistry.model.validation;

/** An error rejects the record (and its batch); a warning is saved and becomes a data query. */
public enum Severity {
    ERROR,
    WARNING
}
