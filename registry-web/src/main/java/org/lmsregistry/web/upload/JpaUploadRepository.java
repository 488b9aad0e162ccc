package org.lmsregistry.web.upload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaUploadRepository implements UploadRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public Optional<UploadBatch> find(long id) {
        return Optional.ofNullable(em.find(UploadBatch.class, id));
    }

    @Override
    public Optional<UploadBatch> findByKey(long siteId, String idempotencyKey) {
        return em.createQuery("select u from UploadBatch u where u.site.id = :site and u.idempotencyKey = :key",
                UploadBatch.class).setParameter("site", siteId).setParameter("key", idempotencyKey)
                .getResultStream().findFirst();
    }

    @Override
    public List<UploadBatch> find(List<Long> siteIds, int offset, int limit) {
        TypedQuery<UploadBatch> q = em.createQuery("select u from UploadBatch u"
                + (siteIds == null ? "" : " where u.site.id in :sites") + " order by u.id desc", UploadBatch.class);
        if (siteIds != null) {
            q.setParameter("sites", siteIds.isEmpty() ? List.of(-1L) : siteIds);
        }
        return q.setFirstResult(offset).setMaxResults(limit).getResultList();
    }
}
