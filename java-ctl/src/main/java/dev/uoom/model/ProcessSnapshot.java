package dev.uoom.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What uoom read about one process. The files are read one after another, so they describe nearly, not
 * exactly, the same moment.
 *
 * @param stat {@code /proc/PID/stat}
 * @param status {@code /proc/PID/status}
 * @param cmdline {@code /proc/PID/cmdline}: the arguments of its first {@link #CMDLINE_LIMIT} bytes; empty for
 *        kernel threads and zombies, and when the scan did not read it
 * @param cgroups {@code /proc/PID/cgroup}
 * @param oomScoreAdj {@code /proc/PID/oom_score_adj}, -1000 to 1000
 * @param oomScore {@code /proc/PID/oom_score}: the kernel's own normalised badness, read right after
 *        {@code status}
 */
public record ProcessSnapshot(ProcStat stat, ProcStatus status, List<String> cmdline, List<CgroupEntry> cgroups,
        int oomScoreAdj, long oomScore) {
    /** {@code OOM_SCORE_ADJ_MIN}: the kernel never kills such a process. */
    public static final int OOM_SCORE_ADJ_MIN = -1000;
    /** {@code OOM_SCORE_ADJ_MAX}. */
    public static final int OOM_SCORE_ADJ_MAX = 1000;
    /**
     * How much of {@code /proc/PID/cmdline} uoom reads, in bytes: any user can pass many MiB of arguments,
     * and the daemon must neither hold them nor match rules over them. Longer command lines are cut here.
     */
    public static final int CMDLINE_LIMIT = 4096;
    /** The pid of kthreadd, the parent of every kernel thread. */
    public static final int KTHREADD_PID = 2;

    public ProcessSnapshot {
        Objects.requireNonNull(stat, "stat");
        Objects.requireNonNull(status, "status");
        cmdline = List.copyOf(cmdline);
        cgroups = List.copyOf(cgroups);
    }

    /** The process id. */
    public int pid() {
        return stat.pid();
    }

    /** The parent's pid. */
    public int ppid() {
        return stat.ppid();
    }

    /** The command name ({@code comm}), at most 15 bytes. */
    public String name() {
        return stat.comm();
    }

    /** The command line as read (see {@link #CMDLINE_LIMIT}), arguments joined with single spaces; may be empty. */
    public String commandLine() {
        return String.join(" ", cmdline);
    }

    /** The memory counters; empty without an address space. */
    public Optional<ProcMemory> memory() {
        return status.memory();
    }

    /**
     * Whether this is a kernel thread: {@link ProcStat#PF_KTHREAD} is set, or it has neither memory nor a
     * command line and is kthreadd or one of its children.
     */
    public boolean isKernelThread() {
        return stat.isKernelThread() || (memory().isEmpty() && cmdline.isEmpty()
                && (pid() == KTHREADD_PID || ppid() == KTHREADD_PID));
    }

    /** This process as if its {@code oom_score_adj} were {@code adj}. */
    public ProcessSnapshot withOomScoreAdj(int adj) {
        return new ProcessSnapshot(stat, status, cmdline, cgroups, adj, oomScore);
    }

    /** The entry to write to {@code /proc/oom} for this process. */
    public QueueEntry queueEntry() {
        return new QueueEntry(pid(), stat.startTime());
    }
}
