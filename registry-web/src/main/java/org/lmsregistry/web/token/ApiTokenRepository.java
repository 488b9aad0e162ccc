package org.lmsregistry.web.token;

import java.util.List;
import java.util.Optional;

public interface ApiTokenRepository {

    Optional<ApiToken> find(long id);

    /** Tokens of a site (null = all sites), newest first. */
    List<ApiToken> findBySite(Long siteId);

    void add(ApiToken token);
}
