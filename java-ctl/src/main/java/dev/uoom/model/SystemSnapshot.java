package dev.uoom.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The processes and memory totals a ranking policy looks at, read in one scan of {@code /proc}. Immutable.
 */
public final class SystemSnapshot {
    private static final long KIB = 1024;

    private final MemInfo memInfo;
    private final Uptime uptime;
    private final long clockTicksPerSecond;
    private final long pageSize;
    private final List<ProcessSnapshot> processes;
    private final Map<Integer, ProcessSnapshot> byPid;
    private final Map<Integer, List<ProcessSnapshot>> children;

    /**
     * @param memInfo {@code /proc/meminfo}
     * @param uptime {@code /proc/uptime}
     * @param clockTicksPerSecond {@code USER_HZ}, the unit of {@link ProcStat} times
     * @param pageSize the page size in bytes, a multiple of 1024
     * @param processes the processes, each pid once
     * @throws IllegalArgumentException if a pid repeats or a unit is not positive
     */
    public SystemSnapshot(MemInfo memInfo, Uptime uptime, long clockTicksPerSecond, long pageSize,
            List<ProcessSnapshot> processes) {
        this.memInfo = Objects.requireNonNull(memInfo, "memInfo");
        this.uptime = Objects.requireNonNull(uptime, "uptime");
        if (clockTicksPerSecond <= 0) {
            throw new IllegalArgumentException("clock ticks per second must be positive: " + clockTicksPerSecond);
        }
        if (pageSize <= 0 || pageSize % KIB != 0) {
            throw new IllegalArgumentException("page size must be a positive multiple of 1024: " + pageSize);
        }
        this.clockTicksPerSecond = clockTicksPerSecond;
        this.pageSize = pageSize;
        this.processes = List.copyOf(processes);
        Map<Integer, ProcessSnapshot> index = new LinkedHashMap<>();
        Map<Integer, List<ProcessSnapshot>> kids = new HashMap<>();
        for (ProcessSnapshot p : this.processes) {
            if (index.putIfAbsent(p.pid(), p) != null) {
                throw new IllegalArgumentException("pid " + p.pid() + " appears twice");
            }
            kids.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p);
        }
        kids.replaceAll((k, v) -> Collections.unmodifiableList(v));
        this.byPid = Collections.unmodifiableMap(index);
        this.children = Collections.unmodifiableMap(kids);
    }

    /** This snapshot with {@code processes} instead of its own. */
    public SystemSnapshot withProcesses(List<ProcessSnapshot> newProcesses) {
        return new SystemSnapshot(memInfo, uptime, clockTicksPerSecond, pageSize, newProcesses);
    }

    /** {@code /proc/meminfo}. */
    public MemInfo memInfo() {
        return memInfo;
    }

    /** {@code /proc/uptime}. */
    public Uptime uptime() {
        return uptime;
    }

    /** {@code USER_HZ}: clock ticks per second. */
    public long clockTicksPerSecond() {
        return clockTicksPerSecond;
    }

    /** The page size in bytes. */
    public long pageSize() {
        return pageSize;
    }

    /** The page size in kB, the divisor that turns {@code /proc} kB into pages. */
    public long pageSizeKb() {
        return pageSize / KIB;
    }

    /** The processes in the order they were read. */
    public List<ProcessSnapshot> processes() {
        return processes;
    }

    /** The process with {@code pid}, if it was read. */
    public Optional<ProcessSnapshot> process(int pid) {
        return Optional.ofNullable(byPid.get(pid));
    }

    /** The processes whose parent is {@code pid}. */
    public List<ProcessSnapshot> children(int pid) {
        return children.getOrDefault(pid, List.of());
    }

    /**
     * RAM plus swap in pages: {@code totalram_pages() + total_swap_pages}, the {@code totalpages} of the
     * kernel's {@code oom_badness()} and {@code proc_oom_score()}.
     */
    public long totalPages() {
        return memInfo.memTotalKb() / pageSizeKb() + memInfo.swapTotalKb() / pageSizeKb();
    }
}
