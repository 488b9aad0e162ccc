package org.lmsregistry.web.patient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class JpaPatientRepository implements PatientRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public List<PatientEntry> find(PatientFilter filter, int offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, params);
        TypedQuery<PatientEntry> q = em.createQuery("select p from PatientEntry p left join fetch p.tumour t" + where
                + " order by p.site.code, p.pseudonym", PatientEntry.class);
        params.forEach(q::setParameter);
        return q.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    @Override
    public long count(PatientFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, params);
        TypedQuery<Long> q = em.createQuery("select count(p) from PatientEntry p left join p.tumour t" + where,
                Long.class);
        params.forEach(q::setParameter);
        return q.getSingleResult();
    }

    /** Only the given filters become predicates; every value is a parameter. */
    private static String where(PatientFilter f, Map<String, Object> params) {
        StringBuilder b = new StringBuilder();
        if (f.siteIds() != null) {
            add(b, "p.site.id in :sites");
            params.put("sites", f.siteIds().isEmpty() ? List.of(-1L) : f.siteIds());
        }
        if (f.primaryLocation() != null) {
            add(b, "t.primaryLocation = :location");
            params.put("location", f.primaryLocation());
        }
        if (f.grade() != null) {
            add(b, "t.grade = :grade");
            params.put("grade", f.grade());
        }
        if (f.diagnosisYearFrom() != null) {
            add(b, "p.diagnosisYear >= :yearFrom");
            params.put("yearFrom", f.diagnosisYearFrom());
        }
        if (f.diagnosisYearTo() != null) {
            add(b, "p.diagnosisYear <= :yearTo");
            params.put("yearTo", f.diagnosisYearTo());
        }
        return b.toString();
    }

    private static void add(StringBuilder b, String predicate) {
        b.append(b.length() == 0 ? " where " : " and ").append(predicate);
    }
}
