package dev.uoom.nativeio;

import java.util.Optional;

/** The Linux errno values uoom reports by name. */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    ESRCH(3, "No such process"),
    EINTR(4, "Interrupted system call"),
    E2BIG(7, "Argument list too long"),
    EBADF(9, "Bad file descriptor"),
    EAGAIN(11, "Resource temporarily unavailable"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    EBUSY(16, "Device or resource busy"),
    EINVAL(22, "Invalid argument"),
    ENOTTY(25, "Inappropriate ioctl for device"),
    ENOSPC(28, "No space left on device"),
    ENOSYS(38, "Function not implemented"),
    EOPNOTSUPP(95, "Operation not supported");

    private static final Errno[] VALUES = values();

    private final int code;
    private final String message;

    Errno(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The numeric errno value. */
    public int code() {
        return code;
    }

    /** The C library's message for this errno. */
    public String message() {
        return message;
    }

    /** Returns whether {@code errno} is this value. */
    public boolean is(int errno) {
        return code == errno;
    }

    /** Looks up a known errno value. */
    public static Optional<Errno> of(int errno) {
        for (Errno e : VALUES) {
            if (e.code == errno) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The symbolic name, such as {@code ENOENT}, or {@code errno N} for values not listed here. */
    public static String nameOf(int errno) {
        return of(errno).map(Enum::name).orElse("errno " + errno);
    }

    /** A human-readable form, such as {@code ENOENT (No such file or directory)}. */
    public static String describe(int errno) {
        return of(errno).map(e -> e.name() + " (" + e.message + ")").orElse("errno " + errno);
    }
}
