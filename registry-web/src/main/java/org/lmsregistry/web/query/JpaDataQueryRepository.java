package org.lmsregistry.web.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaDataQueryRepository implements DataQueryRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public Optional<DataQuery> find(long id) {
        return Optional.ofNullable(em.find(DataQuery.class, id));
    }

    @Override
    public List<DataQuery> find(List<Long> siteIds, DataQueryStatus status, int offset, int limit) {
        TypedQuery<DataQuery> q = em.createQuery("select q from DataQuery q" + where(siteIds, status)
                + " order by q.id desc", DataQuery.class);
        bind(q, siteIds, status);
        return q.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    @Override
    public long count(List<Long> siteIds, DataQueryStatus status) {
        TypedQuery<Long> q = em.createQuery("select count(q) from DataQuery q" + where(siteIds, status), Long.class);
        bind(q, siteIds, status);
        return q.getSingleResult();
    }

    private static String where(List<Long> siteIds, DataQueryStatus status) {
        String w = "";
        if (siteIds != null) {
            w += " where q.site.id in :sites";
        }
        if (status != null) {
            w += (w.isEmpty() ? " where " : " and ") + "q.status = :status";
        }
        return w;
    }

    private static void bind(TypedQuery<?> q, List<Long> siteIds, DataQueryStatus status) {
        if (siteIds != null) {
            q.setParameter("sites", siteIds.isEmpty() ? List.of(-1L) : siteIds);
        }
        if (status != null) {
            q.setParameter("status", status);
        }
    }
}
