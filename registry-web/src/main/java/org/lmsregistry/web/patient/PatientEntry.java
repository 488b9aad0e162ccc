package org.lmsregistry.web.patient;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.lmsregistry.web.site.Site;

/**
 * A patient as the registry lists it: the JPA view of the {@code patient} table with the patient's
 * primary tumour, for paging and filtering. Read-only: clinical records are written through one path
 * only ({@code RecordChangeWriter}), which validates, audits and is shared with bulk uploads.
 */
@Entity
@Table(name = "patient")
public class PatientEntry {

    @Id
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "site_id")
    private Site site;

    @Column(name = "patient_pseudonym")
    private String pseudonym;

    private String sex;

    @Column(name = "age_at_diagnosis_years")
    private int ageAtDiagnosisYears;

    @Column(name = "diagnosis_year")
    private int diagnosisYear;

    @OneToOne(mappedBy = "patient")
    private TumourEntry tumour;

    @Version
    private int version;

    protected PatientEntry() {
    }

    public Long id() {
        return id;
    }

    public Site site() {
        return site;
    }

    public String pseudonym() {
        return pseudonym;
    }

    public String sex() {
        return sex;
    }

    public int ageAtDiagnosisYears() {
        return ageAtDiagnosisYears;
    }

    public int diagnosisYear() {
        return diagnosisYear;
    }

    /** The primary tumour, or null when none is recorded yet. */
    public TumourEntry tumour() {
        return tumour;
    }

    public int version() {
        return version;
    }
}
