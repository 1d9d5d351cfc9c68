package dev.uoom.model;

import java.util.Objects;

/**
 * The fields of {@code /proc/PID/stat} that uoom uses; field numbers are those of {@code proc(5)}.
 *
 * @param pid (1) the process id
 * @param comm (2) the command name, at most 15 bytes, without the parentheses; may contain any character
 * @param state (3) the state letter, such as {@code R}, {@code S} or {@code Z}
 * @param ppid (4) the parent's pid; 0 for pid 1 and kthreadd
 * @param flags (9) the kernel's {@code PF_*} flags
 * @param utime (14) user time in clock ticks
 * @param stime (15) system time in clock ticks
 * @param nice (19) the nice value, -20 to 19
 * @param startTime (22) start time in clock ticks after boot, as {@code /proc/oom} expects it
 * @param vsize (23) virtual memory size in bytes
 * @param rss (24) resident set size in pages
 */
public record ProcStat(int pid, String comm, char state, int ppid, long flags, long utime, long stime, int nice,
        long startTime, long vsize, long rss) {
    /** {@code PF_KTHREAD}: the task is a kernel thread. */
    public static final long PF_KTHREAD = 0x00200000L;

    public ProcStat {
        Objects.requireNonNull(comm, "comm");
    }

    /** Whether {@link #PF_KTHREAD} is set. */
    public boolean isKernelThread() {
        return (flags & PF_KTHREAD) != 0;
    }
}
