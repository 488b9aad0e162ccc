package org.lmsregistry.web.site;

import java.util.List;
import java.util.Optional;

/** The registry's sites. */
public interface SiteRepository {

    Optional<Site> find(long id);

    Optional<Site> findByCode(String code);

    List<Site> findAll();

    void add(Site site);
}
