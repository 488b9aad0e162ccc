package org.lmsregistry.etl;

/**
 * The exit codes of every {@code etl} command: scripts at a site can tell "fix the data" from "fix
 * the command" from "try again later".
 */
public final class ExitCode {

    /** Done; warnings may have been printed. */
    public static final int OK = 0;
    /** The data has errors (validation, unmapped codes, unparseable values, unreadable DICOM studies); nothing was written or sent. */
    public static final int DATA_ERRORS = 1;
    /** Wrong command line, or a configuration or mapping file that is not valid. */
    public static final int USAGE = 2;
    /** A file or folder could not be read or written, or the PACS could not be read over DICOMweb. */
    public static final int IO = 3;
    /** The registry refused the upload (4xx: bad token, rejected batch); retrying will not help. */
    public static final int UPLOAD_REFUSED = 4;
    /** The identifier guard found something that looks like an identifier; nothing was sent. */
    public static final int IDENTIFIERS_FOUND = 5;
    /** The registry could not be reached or kept failing (5xx) after all retries; run the same command again later to resume. */
    public static final int REGISTRY_UNAVAILABLE = 6;
    /** A bug in etl: please report it with the command line (never with the data). */
    public static final int INTERNAL = 70;

    /** The exit-code list shown by every command's {@code --help}. */
    public static final String[] HELP_LIST = {
        " 0:OK (warnings may have been printed)",
        " 1:data errors: nothing was written or sent",
        " 2:usage: wrong options, invalid configuration or mapping file",
        " 3:I/O: a file or folder could not be read or written, or the PACS over DICOMweb",
        " 4:upload refused by the registry (4xx)",
        " 5:identifier guard: something looks like an identifier; nothing was sent",
        " 6:registry unavailable after retries: run again later to resume",
        "70:internal error (a bug)" };

    private ExitCode() {
    }
}
