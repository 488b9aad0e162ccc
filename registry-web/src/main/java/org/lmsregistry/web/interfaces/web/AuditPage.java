package org.lmsregistry.web.interfaces.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.lmsregistry.web.audit.AuditEvent;
import org.lmsregistry.web.audit.AuditService;
import org.lmsregistry.web.audit.AuditTrail;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** The audit trail, newest first a page at a time, filtered; and the check of its hash chain. */
@Named
@ViewScoped
public class AuditPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient AuditService audit;

    private String site;
    private String recordType;
    private String recordKey;
    private String requestId;
    private AuditTrail.Verification verification;

    private final LazyDataModel<AuditEvent> events = new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) audit.find(blank(site), blank(recordType), blank(recordKey), blank(requestId), 0, 1).total();
        }

        @Override
        public List<AuditEvent> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            var page = audit.find(blank(site), blank(recordType), blank(recordKey), blank(requestId), first, pageSize);
            setRowCount((int) page.total());
            return page.items();
        }

        @Override
        public String getRowKey(AuditEvent e) {
            return Long.toString(e.seq());
        }

        @Override
        public AuditEvent getRowData(String rowKey) {
            return null;
        }
    };

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public void verify() {
        verification = audit.verify();
        if (verification.intact()) {
            Pages.info("The audit trail is intact: " + verification.eventsChecked() + " events checked up to sequence "
                    + verification.headSeq() + ".");
        } else {
            Pages.error(null, "The audit trail is BROKEN at sequence " + verification.brokenSeq() + ": "
                    + verification.problem());
        }
    }

    public LazyDataModel<AuditEvent> getEvents() {
        return events;
    }

    public AuditTrail.Verification getVerification() {
        return verification;
    }

    public String getSite() {
        return site;
    }

    public void setSite(String site) {
        this.site = site;
    }

    public String getRecordType() {
        return recordType;
    }

    public void setRecordType(String recordType) {
        this.recordType = recordType;
    }

    public String getRecordKey() {
        return recordKey;
    }

    public void setRecordKey(String recordKey) {
        this.recordKey = recordKey;
    }

    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }
}
