package org.lmsregistry.web.patient;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

/** The list-relevant columns of a primary tumour (see {@link PatientEntry}). */
@Entity
@Table(name = "tumour")
public class TumourEntry {

    @Id
    private Long id;

    @OneToOne(optional = false)
    @JoinColumn(name = "patient_id")
    private PatientEntry patient;

    @Column(name = "primary_location")
    private String primaryLocation;

    /** The effective grade, written by every writer from {@code Tumour.grade()} (see V3). */
    @Column(name = "grade")
    private String grade;

    /** Free text; searched word by word from the patient list. */
    @Column(name = "histology_notes")
    private String histologyNotes;

    @Column(name = "largest_diameter_mm")
    private int largestDiameterMm;

    protected TumourEntry() {
    }

    public String primaryLocation() {
        return primaryLocation;
    }

    /** Derived from the FNCLCC components when all are known, else the stated grade; null when neither. */
    public String grade() {
        return grade;
    }

    public String histologyNotes() {
        return histologyNotes;
    }

    public int largestDiameterMm() {
        return largestDiameterMm;
    }
}
