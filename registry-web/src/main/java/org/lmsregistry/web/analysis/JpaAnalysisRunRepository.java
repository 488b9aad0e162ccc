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

    @Override
    public Optional<AnalysisRun> nextQueued() {
        return em.createQuery("select r from AnalysisRun r where r.status = :s order by r.id", AnalysisRun.class)
                .setParameter("s", AnalysisRunStatus.QUEUED).setMaxResults(1).getResultStream().findFirst();
    }

    @Override
    public void recordProgress(long id, JobProgress.Step step, int percent) {
        em.createNativeQuery("update analysis_run set progress = greatest(progress, ?), step = ?"
                + " where id = ? and status = 'RUNNING'")
                .setParameter(1, Math.max(0, Math.min(100, percent))).setParameter(2, step.name()).setParameter(3, id)
                .executeUpdate();
    }

    @Override
    public List<AnalysisRun> findByStatus(AnalysisRunStatus status) {
        return em.createQuery("select r from AnalysisRun r where r.status = :s order by r.id", AnalysisRun.class)
                .setParameter("s", status).getResultList();
    }

    @Override
    public void addFile(long runId, AnalysisOutputs.OutputFile file) {
        em.createNativeQuery("insert into analysis_output (sha256, size, content) values (?, ?, ?)"
                + " on conflict (sha256) do nothing")
                .setParameter(1, file.sha256()).setParameter(2, (long) file.content().length)
                .setParameter(3, file.content()).executeUpdate();
        em.createNativeQuery("insert into analysis_run_file (run_id, name, media_type, size, sha256)"
                + " values (?, ?, ?, ?, ?)")
                .setParameter(1, runId).setParameter(2, file.name()).setParameter(3, file.mediaType())
                .setParameter(4, (long) file.content().length).setParameter(5, file.sha256()).executeUpdate();
    }

    @Override
    public List<AnalysisRunFile> files(long runId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select name, media_type, size, sha256 from analysis_run_file"
                + " where run_id = ? order by name").setParameter(1, runId).getResultList();
        return rows.stream().map(r -> new AnalysisRunFile((String) r[0], (String) r[1], ((Number) r[2]).longValue(),
                (String) r[3])).toList();
    }

    @Override
    public Optional<byte[]> fileContent(long runId, String name) {
        @SuppressWarnings("unchecked")
        List<byte[]> rows = em.createNativeQuery("select o.content from analysis_run_file f join analysis_output o"
                + " on o.sha256 = f.sha256 where f.run_id = ? and f.name = ?")
                .setParameter(1, runId).setParameter(2, name).getResultList();
        return rows.stream().findFirst();
    }
}
