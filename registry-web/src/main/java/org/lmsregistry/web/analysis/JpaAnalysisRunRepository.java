package org.lmsregistry.web.analysis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaAnalysisRunRepository implements AnalysisRunRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public Optional<AnalysisRun> find(long id) {
        return Optional.ofNullable(em.find(AnalysisRun.class, id));
    }

    @Override
    public List<AnalysisRun> findRecent(int offset, int limit) {
        return em.createQuery("select r from AnalysisRun r order by r.id desc", AnalysisRun.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    @Override
    public void add(AnalysisRun run) {
        em.persist(run);
        em.flush();
    }
}
