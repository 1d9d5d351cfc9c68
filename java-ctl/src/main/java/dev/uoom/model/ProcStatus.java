package dev.uoom.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The fields of {@code /proc/PID/status} that uoom uses.
 *
 * @param name {@code Name}, as the kernel escapes it
 * Ids are unsigned 32-bit ({@code uid_t}), held in a {@code long}.
 *
 * @param uid the real uid ({@code Uid} field 1)
 * @param euid the effective uid ({@code Uid} field 2)
 * @param gid the real gid ({@code Gid} field 1)
 * @param egid the effective gid ({@code Gid} field 2)
 * @param capEff {@code CapEff}: the effective capability set, one bit per {@code CAP_*} number
 * @param memory the memory counters; empty for kernel threads and zombies
 */
public record ProcStatus(String name, long uid, long euid, long gid, long egid, long capEff,
        Optional<ProcMemory> memory) {
    /** {@code CAP_KILL}. */
    public static final int CAP_KILL = 5;
    /** {@code CAP_SYS_RAWIO}. */
    public static final int CAP_SYS_RAWIO = 17;
    /** {@code CAP_SYS_ADMIN}. */
    public static final int CAP_SYS_ADMIN = 21;
    /** {@code CAP_SYS_RESOURCE}. */
    public static final int CAP_SYS_RESOURCE = 24;

    public ProcStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(memory, "memory");
    }

    /** Whether {@code capability}, such as {@link #CAP_SYS_ADMIN}, is in the effective set. */
    public boolean hasCapability(int capability) {
        if (capability < 0 || capability > 63) {
            throw new IllegalArgumentException("capability out of range: " + capability);
        }
        return (capEff & (1L << capability)) != 0;
    }
}
