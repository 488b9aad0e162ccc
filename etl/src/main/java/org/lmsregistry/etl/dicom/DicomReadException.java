package org.lmsregistry.etl.dicom;

/** A file that could not be read (or written) as DICOM, with a reason a person can act on. */
public final class DicomReadException extends Exception {

    private static final long serialVersionUID = 1L;

    public DicomReadException(String reason) {
        super(reason);
    }

    public DicomReadException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** A reason from a toolkit failure: its kind and message, never a stack trace. */
    static DicomReadException of(String what, Throwable t) {
        String m = t.getMessage();
        return new DicomReadException(what + ": " + t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m.strip() + ")"), t);
    }
}
