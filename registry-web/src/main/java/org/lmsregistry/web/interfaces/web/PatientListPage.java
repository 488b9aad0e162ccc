package org.lmsregistry.web.interfaces.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.lmsregistry.model.code.CodeList;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.web.patient.ClinicalRecordService;
import org.lmsregistry.web.patient.PatientEntry;
import org.lmsregistry.web.security.CurrentCaller;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The patients of the coordinator's site, a page at a time from the database (the service's
 * paging and filter query), searchable by primary location, FNCLCC grade and diagnosis years.
 */
@Named
@ViewScoped
public class PatientListPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ClinicalRecordService records;

    @Inject
    transient CurrentCaller caller;

    private String location;
    private String grade;
    private Integer yearFrom;
    private Integer yearTo;

    private final LazyDataModel<PatientEntry> patients = new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) records.list(caller.get().siteCode(), location, grade, yearFrom, yearTo, 0, 1).total();
        }

        @Override
        public List<PatientEntry> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            var page = records.list(caller.get().siteCode(), location, grade, yearFrom, yearTo, first, pageSize);
            setRowCount((int) page.total());
            return page.items();
        }

        @Override
        public String getRowKey(PatientEntry p) {
            return p.pseudonym();
        }

        @Override
        public PatientEntry getRowData(String rowKey) {
            return null;
        }
    };

    public LazyDataModel<PatientEntry> getPatients() {
        return patients;
    }

    public List<? extends CodeList> getLocations() {
        return Arrays.asList(PrimaryLocation.values());
    }

    public List<? extends CodeList> getGrades() {
        return Arrays.asList(FnclccGrade.values());
    }

    /** The label of a primary location code, for the table. */
    public String locationLabel(String code) {
        if (code == null) {
            return "";
        }
        for (PrimaryLocation l : PrimaryLocation.values()) {
            if (l.code().equals(code)) {
                return l.label();
            }
        }
        return code;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public String getGrade() {
        return grade;
    }

    public void setGrade(String grade) {
        this.grade = grade;
    }

    public Integer getYearFrom() {
        return yearFrom;
    }

    public void setYearFrom(Integer yearFrom) {
        this.yearFrom = yearFrom;
    }

    public Integer getYearTo() {
        return yearTo;
    }

    public void setYearTo(Integer yearTo) {
        this.yearTo = yearTo;
    }
}
