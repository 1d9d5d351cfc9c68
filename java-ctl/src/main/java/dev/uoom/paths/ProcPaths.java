package dev.uoom.paths;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Locations of the proc files uoom uses, under a configurable root.
 * <p>
 * The root is {@value #DEFAULT_ROOT} unless the system property {@value #ROOT_PROPERTY} or the constructor
 * says otherwise, so tests can point it at a directory of fixture files.
 *
 * @param root the directory that stands for {@code /proc}
 */
public record ProcPaths(Path root) {
    /** System property that overrides the proc root. */
    public static final String ROOT_PROPERTY = "uoom.proc.root";
    /** The proc root on a live system. */
    public static final String DEFAULT_ROOT = "/proc";

    /** Module status: version and mode (hooked or advisory), queue counters. */
    public static final String OOM_STATUS = "oom_status";
    /** The uoom candidate queue. */
    public static final String OOM_QUEUE = "oom";
    /** The protected processes, relative to the root. */
    public static final String OOM_KILL_PROTECTION_STATUS = "oom_kill_protection/status";
    /** System memory totals. */
    public static final String MEMINFO = "meminfo";
    /** Seconds since boot. */
    public static final String UPTIME = "uptime";
    /** Memory pressure (PSI). */
    public static final String PRESSURE_MEMORY = "pressure/memory";
    /** The reading process's own directory. */
    public static final String SELF = "self";

    /** Per-process files, relative to {@link #pid(int)}. */
    public static final String STAT = "stat";
    public static final String STATUS = "status";
    public static final String CMDLINE = "cmdline";
    public static final String CGROUP = "cgroup";
    public static final String OOM_SCORE = "oom_score";
    public static final String OOM_SCORE_ADJ = "oom_score_adj";

    public ProcPaths {
        Objects.requireNonNull(root, "root");
    }

    /** Uses {@value #ROOT_PROPERTY} if set and not blank, otherwise {@value #DEFAULT_ROOT}. */
    public static ProcPaths fromSystemProperties() {
        String root = System.getProperty(ROOT_PROPERTY);
        return new ProcPaths(Path.of(root == null || root.isBlank() ? DEFAULT_ROOT : root));
    }

    /** Resolves a path relative to the proc root, such as {@link #OOM_STATUS}. */
    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    /** {@code /proc/oom_status}. */
    public Path oomStatus() {
        return resolve(OOM_STATUS);
    }

    /** {@code /proc/oom}. */
    public Path oomQueue() {
        return resolve(OOM_QUEUE);
    }

    /** {@code /proc/oom_kill_protection/status}. */
    public Path oomKillProtectionStatus() {
        return resolve(OOM_KILL_PROTECTION_STATUS);
    }

    /** {@code /proc/meminfo}. */
    public Path meminfo() {
        return resolve(MEMINFO);
    }

    /** {@code /proc/uptime}. */
    public Path uptime() {
        return resolve(UPTIME);
    }

    /** {@code /proc/pressure/memory}. */
    public Path pressureMemory() {
        return resolve(PRESSURE_MEMORY);
    }

    /** {@code /proc/PID}. */
    public Path pid(int pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
        return resolve(Integer.toString(pid));
    }

    /** {@code /proc/PID/FILE}, such as {@code pidFile(1, STAT)}. */
    public Path pidFile(int pid, String file) {
        return pid(pid).resolve(file);
    }

    /** {@code /proc/self/oom_score_adj}. */
    public Path selfOomScoreAdj() {
        return resolve(SELF).resolve(OOM_SCORE_ADJ);
    }
}
