package org.lmsregistry.web.query;

import java.util.List;
import java.util.Optional;

/** Data queries and their threads. */
public interface DataQueryRepository {

    Optional<DataQuery> find(long id);

    /** Queries of some sites (null = all) in a status (null = any), newest first. */
    List<DataQuery> find(List<Long> siteIds, DataQueryStatus status, int offset, int limit);

    long count(List<Long> siteIds, DataQueryStatus status);
}
