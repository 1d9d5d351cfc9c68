package dev.uoom.policy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.uoom.model.CgroupEntry;
import dev.uoom.model.MemInfo;
import dev.uoom.model.ProcMemory;
import dev.uoom.model.ProcStat;
import dev.uoom.model.ProcStatus;
import dev.uoom.model.ProcessSnapshot;
import dev.uoom.model.SystemSnapshot;
import dev.uoom.model.Uptime;

/** Hand-made processes and systems for policy tests. */
final class Processes {
    static final long ROOT_CAPS = 0x000001ffffffffffL;

    private Processes() {
    }

    /** A builder with an unprivileged, idle, 4 MiB process started at boot. */
    static Builder process(int pid) {
        return new Builder(pid);
    }

    static SystemSnapshot system(long memTotalKb, long swapTotalKb, long uptimeSeconds, ProcessSnapshot... ps) {
        MemInfo mem = new MemInfo(Map.of("MemTotal", memTotalKb, "SwapTotal", swapTotalKb, "MemAvailable", 0L));
        return new SystemSnapshot(mem, new Uptime(Duration.ofSeconds(uptimeSeconds), Duration.ZERO), 100, 4096,
                List.of(ps));
    }

    static final class Builder {
        private final int pid;
        private int ppid = 1;
        private String comm = "proc";
        private List<String> cmdline = List.of("proc");
        private long flags;
        private long utime;
        private long stime;
        private int nice;
        private long startTime;
        private long uid = 1000;
        private long euid = 1000;
        private long caps;
        private Optional<ProcMemory> memory = Optional.of(new ProcMemory(4096, 1024, 0, 0, 0, 40));
        private int adj;
        private List<CgroupEntry> cgroups = List.of(new CgroupEntry(0, List.of(), "/"));

        private Builder(int pid) {
            this.pid = pid;
        }

        Builder ppid(int value) {
            ppid = value;
            return this;
        }

        Builder name(String value) {
            comm = value;
            return this;
        }

        Builder cmdline(String... args) {
            cmdline = List.of(args);
            return this;
        }

        Builder kernelThread() {
            flags = ProcStat.PF_KTHREAD;
            memory = Optional.empty();
            cmdline = List.of();
            ppid = 2;
            return this;
        }

        Builder cpu(long user, long system) {
            utime = user;
            stime = system;
            return this;
        }

        Builder nice(int value) {
            nice = value;
            return this;
        }

        Builder started(long ticks) {
            startTime = ticks;
            return this;
        }

        Builder uid(long real, long effective) {
            uid = real;
            euid = effective;
            return this;
        }

        Builder caps(long value) {
            caps = value;
            return this;
        }

        Builder memory(long vmSizeKb, long rssAnonKb, long rssFileKb, long rssShmemKb, long swapKb, long pteKb) {
            memory = Optional.of(new ProcMemory(vmSizeKb, rssAnonKb, rssFileKb, rssShmemKb, swapKb, pteKb));
            return this;
        }

        Builder noMemory() {
            memory = Optional.empty();
            return this;
        }

        Builder adj(int value) {
            adj = value;
            return this;
        }

        Builder cgroup(String path) {
            cgroups = List.of(new CgroupEntry(0, List.of(), path));
            return this;
        }

        ProcessSnapshot build() {
            ProcStat stat = new ProcStat(pid, comm, 'S', ppid, flags, utime, stime, nice, startTime,
                    memory.map(m -> m.vmSizeKb() * 1024).orElse(0L), memory.map(m -> m.rssKb() / 4).orElse(0L));
            ProcStatus status = new ProcStatus(comm, uid, euid, uid, euid, caps, memory);
            return new ProcessSnapshot(stat, status, cmdline, cgroups, adj, 0);
        }
    }
}
