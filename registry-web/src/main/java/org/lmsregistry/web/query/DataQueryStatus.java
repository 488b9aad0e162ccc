package org.lmsregistry.web.query;

/** Where a data query stands: raised, answered by the site, or closed by the registry. */
public enum DataQueryStatus {
    OPEN,
    ANSWERED,
    CLOSED
}
