package dev.uoom.nativeio;

import java.io.IOException;

import com.sun.jna.LastErrorException;

/** A failed system call, with the errno the kernel returned. */
public class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String path;
    private final int errno;

    /**
     * @param operation the call that failed, such as {@code open}
     * @param path the file it operated on, or {@code null} if none
     * @param errno the errno it returned
     */
    public ErrnoException(String operation, String path, int errno) {
        this(operation, path, errno, null);
    }

    private ErrnoException(String operation, String path, int errno, Throwable cause) {
        super((path == null ? operation : operation + " " + path) + ": " + Errno.describe(errno), cause);
        this.operation = operation;
        this.path = path;
        this.errno = errno;
    }

    static ErrnoException from(String operation, String path, LastErrorException cause) {
        return new ErrnoException(operation, path, cause.getErrorCode(), cause);
    }

    /** The call that failed, such as {@code open} or {@code read}. */
    public String operation() {
        return operation;
    }

    /** The file the call operated on, or {@code null} if none. */
    public String path() {
        return path;
    }

    /** The errno value. */
    public int errno() {
        return errno;
    }
}
