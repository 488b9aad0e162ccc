package org.lmsregistry.web.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaApiTokenRepository implements ApiTokenRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public Optional<ApiToken> find(long id) {
        return Optional.ofNullable(em.find(ApiToken.class, id));
    }

    @Override
    public List<ApiToken> findBySite(Long siteId) {
        TypedQuery<ApiToken> q = em.createQuery("select t from ApiToken t"
                + (siteId == null ? "" : " where t.site.id = :site") + " order by t.id desc", ApiToken.class);
        if (siteId != null) {
            q.setParameter("site", siteId);
        }
        return q.getResultList();
    }

    @Override
    public void add(ApiToken token) {
        em.persist(token);
        em.flush();
    }
}
