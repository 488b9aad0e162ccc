package org.lmsregistry.web.interfaces.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.web.query.DataQuery;
import org.lmsregistry.web.query.DataQueryService;
import org.lmsregistry.web.query.DataQueryStatus;
import org.lmsregistry.web.security.AccessDeniedException;

/**
 * The data-queries inbox: open, answered and closed queries of the own site (all sites for
 * administrators), answered here or from the form of the record they are about; administrators
 * close them.
 */
@Named
@ViewScoped
public class QueriesPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int PAGE = 200;

    @Inject
    transient DataQueryService queries;

    private DataQueryStatus status = DataQueryStatus.OPEN;
    private final Map<Long, String> replies = new HashMap<>();

    public void load() {
        if (FacesContext.getCurrentInstance().isPostback()) {
            return;
        }
        try {
            queries.list(status, 0, 1);
        } catch (AccessDeniedException e) {
            Pages.refuse(403, e.getMessage());
        }
    }

    public List<DataQuery> getQueries() {
        return queries.list(status, 0, PAGE).items();
    }

    public long count(DataQueryStatus s) {
        return queries.list(s, 0, 1).total();
    }

    public void reply(long id) {
        String body = replies.get(id);
        if (Pages.attempt(() -> queries.reply(id, body))) {
            replies.remove(id);
            Pages.info("Reply to data query " + id + " saved.");
        }
    }

    public void close(long id) {
        if (Pages.attempt(() -> queries.close(id, replies.get(id)))) {
            replies.remove(id);
            Pages.info("Data query " + id + " closed.");
        }
    }

    /** The form of the record a query is about, scrolled to its field (null when it has no form). */
    public String formOf(DataQuery q) {
        return RecordForms.link(q.recordType(), q.recordKey(), q.field());
    }

    public DataQueryStatus[] getStatuses() {
        return DataQueryStatus.values();
    }

    public DataQueryStatus getStatus() {
        return status;
    }

    public void setStatus(DataQueryStatus status) {
        this.status = status;
    }

    public Map<Long, String> getReplies() {
        return replies;
    }

    /** A record type's label for a stored type name. */
    public String typeLabel(String type) {
        try {
            return RecordType.valueOf(type).label();
        } catch (IllegalArgumentException e) {
            return type;
        }
    }
}
