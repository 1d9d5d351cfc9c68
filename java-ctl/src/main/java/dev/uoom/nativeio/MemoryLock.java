package dev.uoom.nativeio;

import com.sun.jna.LastErrorException;

/** {@code mlockall(2)}: keeps a daemon's pages in RAM so it can still run under memory pressure. */
public final class MemoryLock {
    private MemoryLock() {
    }

    /**
     * Locks every page of the process as it is faulted in, now and in future mappings
     * ({@code MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT}). Without {@code MCL_ONFAULT} a JVM would
     * populate and pin all it has mapped, the whole module image included (over 200 MiB). A kernel
     * older than 4.4 rejects that flag with EINVAL; then every mapping is locked and populated.
     *
     * @return the flags that took effect, as {@code mlockall(2)} names them
     * @throws ErrnoException {@link Errno#EPERM} without CAP_IPC_LOCK, {@link Errno#ENOMEM} above
     *         {@code RLIMIT_MEMLOCK}
     */
    public static String lockAll() throws ErrnoException {
        try {
            LibC.INSTANCE.mlockall(LibC.MCL_CURRENT | LibC.MCL_FUTURE | LibC.MCL_ONFAULT);
            return "MCL_CURRENT|MCL_FUTURE|MCL_ONFAULT";
        } catch (LastErrorException e) {
            if (e.getErrorCode() != Errno.EINVAL.code()) {
                throw ErrnoException.from("mlockall", null, e);
            }
        }
        try {
            LibC.INSTANCE.mlockall(LibC.MCL_CURRENT | LibC.MCL_FUTURE);
            return "MCL_CURRENT|MCL_FUTURE";
        } catch (LastErrorException e) {
            throw ErrnoException.from("mlockall", null, e);
        }
    }
}
