package org.lmsregistry.etl;

/**
 * A failure a command reports to the user as one message and an exit code (see {@link ExitCode}),
 * without a stack trace. The message must never contain data values read from site files.
 */
public class EtlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public EtlException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public EtlException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static EtlException usage(String message) {
        return new EtlException(ExitCode.USAGE, message);
    }

    public static EtlException io(String message, Throwable cause) {
        return new EtlException(ExitCode.IO, message, cause);
    }
}
