package dev.uoom.nativeio;

import com.sun.jna.LastErrorException;

/** {@code mlockall(2)}: keeps a daemon's pages in RAM so it can still run under memory pressure. */
public final class MemoryLock {
    private MemoryLock() {
    }

    /**
     * Locks all current and future mappings ({@code MCL_CURRENT | MCL_FUTURE}).
     *
     * @throws ErrnoException {@link Errno#EPERM} without CAP_IPC_LOCK, {@link Errno#ENOMEM} above
     *         {@code RLIMIT_MEMLOCK}
     */
    public static void lockAll() throws ErrnoException {
        try {
            LibC.INSTANCE.mlockall(LibC.MCL_CURRENT | LibC.MCL_FUTURE);
        } catch (LastErrorException e) {
            throw ErrnoException.from("mlockall", null, e);
        }
    }
}
