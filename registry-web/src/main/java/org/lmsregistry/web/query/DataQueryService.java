package org.lmsregistry.web.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.lmsregistry.web.account.Role;
import org.lmsregistry.web.application.InvalidInputException;
import org.lmsregistry.web.application.NotFoundException;
import org.lmsregistry.web.audit.Actor;
import org.lmsregistry.web.audit.AdminAudit;
import org.lmsregistry.web.audit.AuditAction;
import org.lmsregistry.web.audit.AuditEntry;
import org.lmsregistry.web.infrastructure.json.CanonicalJson;
import org.lmsregistry.web.patient.Page;
import org.lmsregistry.web.security.AccessDeniedException;
import org.lmsregistry.web.security.Caller;
import org.lmsregistry.web.security.CurrentCaller;

/**
 * Data queries: a site's coordinator lists and answers the queries of the own site; registry
 * administrators list all, comment and close them. Statisticians and tokens have no part in them.
 * Queries of another site are not found (404), like records.
 */
@ApplicationScoped
public class DataQueryService {

    @Inject
    DataQueryRepository queries;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    AdminAudit audit;

    @Transactional
    public Page<DataQuery> list(DataQueryStatus status, int offset, int limit) {
        Caller caller = requireParticipant();
        List<Long> sites = caller.is(Role.ADMIN) ? null : List.of(caller.siteId());
        return new Page<>(queries.find(sites, status, offset, limit), queries.count(sites, status), offset, limit);
    }

    @Transactional
    public DataQuery get(long id) {
        return visible(requireParticipant(), id);
    }

    /** The site answers (coordinator) or the registry comments (admin). */
    @Transactional
    public DataQuery reply(long id, String body) {
        Caller caller = requireParticipant();
        DataQuery q = visible(caller, id);
        String before = json(q);
        try {
            if (caller.is(Role.ADMIN)) {
                q.comment(caller.name(), caller.role().name(), body);
            } else {
                q.answer(caller.name(), caller.role().name(), body);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        audited(caller, q, before);
        return q;
    }

    @Transactional
    public DataQuery close(long id, String note) {
        Caller caller = requireParticipant();
        DataQuery q = visible(caller, id);
        if (!caller.is(Role.ADMIN)) {
            throw new AccessDeniedException("Data queries are closed by the registry administrators.");
        }
        String before = json(q);
        try {
            q.close(caller.name(), note, caller.role().name());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        audited(caller, q, before);
        return q;
    }

    private void audited(Caller caller, DataQuery q, String before) {
        audit.record(Actor.of(caller, currentCaller.requestId()), new AuditEntry(q.site().code(), "DATA_QUERY",
                q.id().toString(), AuditAction.UPDATE, before, json(q), null));
    }

    private static String json(DataQuery q) {
        return CanonicalJson.object().memberRaw("id", q.id().toString()).member("status", q.status().name())
                .memberRaw("messages", Integer.toString(q.messages().size())).member("closedBy", q.closedBy()).end();
    }

    private DataQuery visible(Caller caller, long id) {
        return queries.find(id).filter(q -> caller.is(Role.ADMIN) || q.site().id().equals(caller.siteId()))
                .orElseThrow(() -> new NotFoundException("No data query " + id + " (or not one you may see)."));
    }

    private Caller requireParticipant() {
        Caller caller = currentCaller.get();
        if (!caller.isAny(Role.ADMIN, Role.COORDINATOR)) {
            throw new AccessDeniedException("Data queries are handled by site coordinators and registry administrators.");
        }
        return caller;
    }
}
