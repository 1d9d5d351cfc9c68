package dev.uoom.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

import dev.uoom.model.CgroupEvents;
import dev.uoom.model.MemoryEvents;
import dev.uoom.model.OomControl;
import dev.uoom.nativeio.ErrnoException;
import dev.uoom.nativeio.KernelFiles;
import dev.uoom.nativeio.LibC;
import dev.uoom.nativeio.NativeFd;
import dev.uoom.nativeio.Poll;
import dev.uoom.parse.CgroupEventsParser;
import dev.uoom.parse.CgroupProcsParser;
import dev.uoom.parse.MemoryEventsParser;
import dev.uoom.parse.MemoryLimitParser;
import dev.uoom.parse.OomControlParser;
import dev.uoom.parse.ProcFormatException;
import dev.uoom.paths.CgroupPaths;

/**
 * A memory cgroup, v2 or v1: reads its state and changes its limits and freezer. Works without the uoom module.
 * Every call reads or writes the kernel files afresh; instances are immutable and thread-safe.
 *
 * <pre>{@code
 * Memcg box = Memcg.open(CgroupPaths.of("box"));
 * MemoryEvents events = box.events();            // v2 memory.events
 * box.setLimit(CgroupPaths.MEMORY_MAX, OptionalLong.of(128L << 20));
 * }</pre>
 *
 * @see MemcgWatch
 */
public final class Memcg {
    private static final int FREEZE_POLL_MILLIS = 100;

    private final CgroupPaths paths;
    private final CgroupPaths.Version version;

    private Memcg(CgroupPaths paths, CgroupPaths.Version version) {
        this.paths = paths;
        this.version = version;
    }

    /**
     * Opens the group at {@code paths} and finds its version.
     *
     * @throws UoomException if the directory is not a memory cgroup
     */
    public static Memcg open(CgroupPaths paths) throws UoomException {
        Objects.requireNonNull(paths, "paths");
        try {
            return new Memcg(paths, paths.version());
        } catch (IllegalArgumentException e) {
            throw new UoomException(e.getMessage(), e);
        }
    }

    /** The group's files. */
    public CgroupPaths paths() {
        return paths;
    }

    /** V2 or V1. */
    public CgroupPaths.Version version() {
        return version;
    }

    /** v2 {@code memory.events}. */
    public MemoryEvents events() throws UoomException {
        requireVersion(CgroupPaths.Version.V2, CgroupPaths.MEMORY_EVENTS);
        return parse(CgroupPaths.MEMORY_EVENTS, MemoryEventsParser::parse);
    }

    /** v2 {@code cgroup.events}. */
    public CgroupEvents cgroupEvents() throws UoomException {
        requireVersion(CgroupPaths.Version.V2, CgroupPaths.CGROUP_EVENTS);
        return parse(CgroupPaths.CGROUP_EVENTS, CgroupEventsParser::parse);
    }

    /** v1 {@code memory.oom_control}. */
    public OomControl oomControl() throws UoomException {
        requireVersion(CgroupPaths.Version.V1, CgroupPaths.MEMORY_OOM_CONTROL);
        return parse(CgroupPaths.MEMORY_OOM_CONTROL, OomControlParser::parse);
    }

    /** The processes ({@code cgroup.procs}) directly in the group. */
    public List<Integer> procs() throws UoomException {
        return parse(CgroupPaths.CGROUP_PROCS, CgroupProcsParser::parse);
    }

    /**
     * A limit, such as {@link CgroupPaths#MEMORY_MAX}: bytes, or empty for {@code max}.
     *
     * @throws UoomException if the file cannot be read or is malformed
     */
    public OptionalLong limit(String file) throws UoomException {
        return parse(file, text -> MemoryLimitParser.parse(file, text));
    }

    /** The hard limit: {@code memory.max} (v2) or {@code memory.limit_in_bytes} (v1). */
    public String hardLimitFile() {
        return paths.hardLimit(version).getFileName().toString();
    }

    /**
     * Writes a limit. On v1, a limit below the usage that reclaim cannot reach fails with {@code EBUSY}; on v2
     * the kernel reclaims and may OOM-kill in the group instead.
     *
     * @param limit bytes, or empty for {@code max} (v2 only)
     */
    public void setLimit(String file, OptionalLong limit) throws UoomException {
        write(file, MemoryLimitParser.format(limit));
    }

    /**
     * Freezes ({@code true}) or thaws the group through {@code cgroup.freeze} (v2) and waits until
     * {@code cgroup.events} says {@code frozen} is as asked.
     *
     * @return whether the state was reached within {@code timeout}
     */
    public boolean freeze(boolean frozen, Duration timeout) throws UoomException {
        requireVersion(CgroupPaths.Version.V2, CgroupPaths.CGROUP_FREEZE);
        write(CgroupPaths.CGROUP_FREEZE, frozen ? "1" : "0");
        Path file = paths.resolve(CgroupPaths.CGROUP_EVENTS);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (NativeFd fd = NativeFd.open(file.toString(), LibC.O_RDONLY)) {
            while (true) {
                String text = new String(fd.rereadAll(), StandardCharsets.US_ASCII);
                if (CgroupEventsParser.parse(text).frozen() == frozen) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // cgroup.events raises POLLPRI when it changes; poll a little at a time in case it did meanwhile.
                Poll.poll(new int[] {fd.fd()}, new short[] {LibC.POLLPRI},
                        (int) Math.min(FREEZE_POLL_MILLIS, Duration.ofNanos(left).toMillis() + 1));
            }
        } catch (ErrnoException e) {
            throw Failures.unreadable(file, e);
        } catch (ProcFormatException e) {
            throw Failures.malformed(file, e);
        }
    }

    private void requireVersion(CgroupPaths.Version needed, String file) throws UoomException {
        if (version != needed) {
            throw new UoomException(paths.dir() + ": " + file + " is a cgroup " + needed.name().toLowerCase()
                    + " file; this group is " + version.name().toLowerCase(), null);
        }
    }

    private void write(String file, String value) throws UoomException {
        Path path = paths.resolve(file);
        try {
            KernelFiles.writeString(path, value);
        } catch (IOException e) {
            throw Failures.unwritable(path, e);
        }
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private <T> T parse(String file, Parser<T> parser) throws UoomException {
        Path path = paths.resolve(file);
        try {
            return parser.parse(KernelFiles.readString(path));
        } catch (IOException e) {
            throw Failures.unreadable(path, e);
        } catch (ProcFormatException e) {
            throw Failures.malformed(path, e);
        }
    }
}
