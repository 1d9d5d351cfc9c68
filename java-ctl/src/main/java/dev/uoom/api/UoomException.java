package dev.uoom.api;

import dev.uoom.nativeio.Errno;

/** An operation on the uoom module or the kernel failed. */
public class UoomException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int errno;

    /** A failure that did not come from a system call. */
    public UoomException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    /**
     * @param errno the errno of the failed system call, or 0 if there was none
     */
    public UoomException(String message, int errno, Throwable cause) {
        super(message, cause);
        this.errno = errno;
    }

    /** The errno of the failed system call, or 0 if the failure did not come from one. */
    public int errno() {
        return errno;
    }

    /** The symbolic errno, such as {@code ENOENT}, or {@code null} if {@link #errno()} is 0. */
    public String errnoName() {
        return errno == 0 ? null : Errno.nameOf(errno);
    }
}
