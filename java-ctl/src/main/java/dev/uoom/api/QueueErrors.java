package dev.uoom.api;

import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;

import dev.uoom.nativeio.Errno;

/** Words the errno of a failed {@code /proc/oom} write for users. Pure, so each case is unit-tested. */
final class QueueErrors {
    private static final String UNCHANGED = "; the queue was not changed";

    private QueueErrors() {
    }

    /**
     * @param file the queue file written
     * @param errno the errno of {@code open(2)} or {@code write(2)}
     * @param count how many pids the write held
     * @param missing for ESRCH, the first pid found gone or recycled after the failure, if one was
     * @param queueMax the module's {@code max_queue}, if known
     */
    static String message(Path file, int errno, int count, OptionalInt missing, OptionalLong queueMax) {
        return switch (Errno.of(errno).orElse(Errno.EINTR)) {
            case ESRCH -> missing.isPresent()
                    ? "pid " + missing.getAsInt() + " does not exist (or was recycled)" + UNCHANGED
                    : "a process of the new queue exited or was recycled before the write (ESRCH)" + UNCHANGED;
            case EINVAL -> file + " rejected the queue (EINVAL): a pid above the kernel's limit, a repeated pid"
                    + " or a malformed token" + UNCHANGED;
            case E2BIG -> "too many pids: " + count + " given, the module takes at most "
                    + (queueMax.isPresent() ? queueMax.getAsLong() : "max_queue")
                    + " (module parameter max_queue)" + UNCHANGED;
            case EPERM -> "writing " + file + " needs CAP_SYS_RESOURCE, in the initial pid namespace (EPERM)";
            case EACCES -> "permission denied: only root may write " + file + " (EACCES)";
            case EFAULT -> "the kernel could not read the queue from memory (EFAULT)" + UNCHANGED;
            case ENOMEM -> "the kernel is out of memory for the queue (ENOMEM)" + UNCHANGED;
            default -> "cannot write " + file + ": " + Errno.describe(errno);
        };
    }
}
