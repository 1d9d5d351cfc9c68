package dev.uoom.paths;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The control files of one memory cgroup, v2 ({@code Documentation/admin-guide/cgroup-v2.rst}) or v1
 * ({@code Documentation/admin-guide/cgroup-v1/memory.rst}).
 *
 * @param dir the group's directory, such as {@code /sys/fs/cgroup/box}
 */
public record CgroupPaths(Path dir) {
    /** The usual cgroup v2 mount point. */
    public static final String DEFAULT_ROOT = "/sys/fs/cgroup";

    public static final String CGROUP_PROCS = "cgroup.procs";
    /** v2: {@code populated}, {@code frozen}. */
    public static final String CGROUP_EVENTS = "cgroup.events";
    /** v2: write 1 to freeze, 0 to thaw. */
    public static final String CGROUP_FREEZE = "cgroup.freeze";
    /** v2: boundary counters; polls {@code POLLPRI} when they change. */
    public static final String MEMORY_EVENTS = "memory.events";
    public static final String MEMORY_MAX = "memory.max";
    public static final String MEMORY_HIGH = "memory.high";
    public static final String MEMORY_CURRENT = "memory.current";
    /** v2: the group's memory PSI; takes triggers like {@code /proc/pressure/memory}. */
    public static final String MEMORY_PRESSURE = "memory.pressure";
    /** v1: {@code oom_kill_disable}, {@code under_oom}, {@code oom_kill}. */
    public static final String MEMORY_OOM_CONTROL = "memory.oom_control";
    /** v1: where eventfds are registered. */
    public static final String EVENT_CONTROL = "cgroup.event_control";
    /** v1: the hard limit. */
    public static final String MEMORY_LIMIT_IN_BYTES = "memory.limit_in_bytes";

    /** Which memory cgroup interface a directory has. */
    public enum Version {
        V1, V2
    }

    public CgroupPaths {
        Objects.requireNonNull(dir, "dir");
    }

    /**
     * A group named by an absolute directory, or by a path relative to {@value #DEFAULT_ROOT}, such as
     * {@code box} or {@code /box} when that directory does not exist as given.
     */
    public static CgroupPaths of(String group) {
        Path given = Path.of(group);
        if (given.isAbsolute() && Files.isDirectory(given)) {
            return new CgroupPaths(given);
        }
        return new CgroupPaths(Path.of(DEFAULT_ROOT).resolve(group.replaceFirst("^/+", "")));
    }

    /**
     * V2 if the directory has {@value #MEMORY_EVENTS}, V1 if it has {@value #MEMORY_OOM_CONTROL}.
     *
     * @throws IllegalArgumentException if it has neither: not a memory cgroup, or the memory controller is not
     *         enabled for it
     */
    public Version version() {
        if (Files.exists(resolve(MEMORY_EVENTS))) {
            return Version.V2;
        }
        if (Files.exists(resolve(MEMORY_OOM_CONTROL))) {
            return Version.V1;
        }
        throw new IllegalArgumentException(dir + " is not a memory cgroup: it has neither " + MEMORY_EVENTS + " (v2)"
                + " nor " + MEMORY_OOM_CONTROL + " (v1); on v2, enable the controller in the parent's "
                + "cgroup.subtree_control");
    }

    /** A control file of the group, such as {@link #MEMORY_EVENTS}. */
    public Path resolve(String file) {
        return dir.resolve(file);
    }

    /** The hard limit file: {@value #MEMORY_MAX} on v2, {@value #MEMORY_LIMIT_IN_BYTES} on v1. */
    public Path hardLimit(Version version) {
        return resolve(version == Version.V2 ? MEMORY_MAX : MEMORY_LIMIT_IN_BYTES);
    }
}
