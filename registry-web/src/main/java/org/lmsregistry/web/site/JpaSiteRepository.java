package org.lmsregistry.web.site;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaSiteRepository implements SiteRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public Optional<Site> find(long id) {
        return Optional.ofNullable(em.find(Site.class, id));
    }

    @Override
    public Optional<Site> findByCode(String code) {
        return em.createQuery("select s from Site s where s.code = :code", Site.class).setParameter("code", code)
                .getResultStream().findFirst();
    }

    @Override
    public List<Site> findAll() {
        return em.createQuery("select s from Site s order by s.code", Site.class).getResultList();
    }

    @Override
    public void add(Site site) {
        em.persist(site);
        em.flush();
    }
}
