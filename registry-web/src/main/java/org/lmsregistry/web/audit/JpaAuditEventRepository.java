package org.lmsregistry.web.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class JpaAuditEventRepository implements AuditEventRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public List<AuditEvent> find(String siteCode, String recordType, String recordKey, String requestId, int offset,
            int limit) {
        Map<String, String> filters = filters(siteCode, recordType, recordKey, requestId);
        TypedQuery<AuditEvent> q = em.createQuery("select e from AuditEvent e" + where(filters) + " order by e.seq desc",
                AuditEvent.class);
        filters.forEach(q::setParameter);
        return q.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    @Override
    public long count(String siteCode, String recordType, String recordKey, String requestId) {
        Map<String, String> filters = filters(siteCode, recordType, recordKey, requestId);
        TypedQuery<Long> q = em.createQuery("select count(e) from AuditEvent e" + where(filters), Long.class);
        filters.forEach(q::setParameter);
        return q.getSingleResult();
    }

    /** Only the given filters become predicates (parameter name = attribute name). */
    private static Map<String, String> filters(String siteCode, String recordType, String recordKey, String requestId) {
        Map<String, String> f = new LinkedHashMap<>();
        if (siteCode != null) {
            f.put("siteCode", siteCode);
        }
        if (recordType != null) {
            f.put("recordType", recordType);
        }
        if (recordKey != null) {
            f.put("recordKey", recordKey);
        }
        if (requestId != null) {
            f.put("requestId", requestId);
        }
        return f;
    }

    private static String where(Map<String, String> filters) {
        StringBuilder b = new StringBuilder();
        for (String name : filters.keySet()) {
            b.append(b.length() == 0 ? " where " : " and ").append("e.").append(name).append(" = :").append(name);
        }
        return b.toString();
    }
}
