package dev.uoom.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import dev.uoom.model.QueueEntry;
import dev.uoom.nativeio.Errno;
import dev.uoom.nativeio.ErrnoException;
import dev.uoom.nativeio.KernelFiles;
import dev.uoom.parse.OomQueueParser;
import dev.uoom.parse.ProcFormatException;
import dev.uoom.parse.ProcStatParser;
import dev.uoom.paths.ProcPaths;

/**
 * The uoom candidate queue, {@code /proc/oom}: the processes the OOM killer takes first, in order.
 * <p>
 * Every write replaces the whole queue in one {@code write(2)} of {@code PID:START} tokens, where START is
 * the process's start time from {@code /proc/PID/stat}; the module refuses a pid that now belongs to another
 * process. A refused write leaves the queue as it was. Writing needs root with CAP_SYS_RESOURCE.
 * <p>
 * Obtain one from {@link Uoom#queue()}. Instances hold no kernel resources and are thread-safe, but the
 * module does not lock the queue between a read and a write: {@link #add} is not atomic against other
 * writers.
 *
 * <pre>{@code
 * OomQueue queue = Uoom.open().queue();
 * queue.replace(List.of(4242, 4343));   // 4242 dies first
 * List<Integer> now = queue.list();
 * }</pre>
 */
public final class OomQueue {
    private final Uoom uoom;
    private final ProcPaths paths;

    OomQueue(Uoom uoom) {
        this.uoom = Objects.requireNonNull(uoom, "uoom");
        this.paths = uoom.procPaths();
    }

    /** The queue file, normally {@code /proc/oom}. */
    public Path file() {
        return paths.oomQueue();
    }

    /**
     * The queued pids, first to be killed first. Processes that have exited are not shown.
     *
     * @throws ModuleNotLoadedException if the module is not loaded
     * @throws UoomException if the file cannot be read or is malformed
     */
    public List<Integer> list() throws UoomException {
        return ModuleFiles.read(file(), OomQueueParser::parse);
    }

    /**
     * Makes the queue exactly {@code pids}, first to be killed first; an empty list clears it. Each pid's start
     * time is read from {@code /proc/PID/stat} first.
     *
     * @throws UoomException if a pid is not positive or repeats, a process does not exist, or the module
     *         refuses the write (see {@link UoomException#errno()}: {@code ESRCH}, {@code EINVAL},
     *         {@code E2BIG}, {@code EPERM}, {@code EACCES}); the queue is then unchanged
     */
    public void replace(List<Integer> pids) throws UoomException {
        write(resolve(pids));
    }

    /**
     * Appends {@code pids} that are not queued yet, keeping the queued ones where they are. This reads the
     * queue and writes it back: a write by another process in between is lost.
     *
     * @throws UoomException as {@link #replace}
     */
    public void add(List<Integer> pids) throws UoomException {
        checkPids(pids);
        Set<Integer> merged = new LinkedHashSet<>(list());
        merged.addAll(pids);
        replace(List.copyOf(merged));
    }

    /**
     * Empties the queue.
     *
     * @throws UoomException if the module refuses the write
     */
    public void clear() throws UoomException {
        write(List.of());
    }

    /**
     * Looks up each pid's start time, for {@link #write}.
     *
     * @throws UoomException if a pid is not positive or repeats ({@code errno} 0), or its process does not exist
     *         ({@code ESRCH})
     */
    public List<QueueEntry> resolve(List<Integer> pids) throws UoomException {
        checkPids(pids);
        List<QueueEntry> entries = new ArrayList<>(pids.size());
        for (int pid : pids) {
            OptionalLong start = startTime(pid);
            if (start.isEmpty()) {
                throw new UoomException("pid " + pid + " does not exist", Errno.ESRCH.code(), null);
            }
            entries.add(new QueueEntry(pid, start.getAsLong()));
        }
        return List.copyOf(entries);
    }

    /**
     * Makes the queue exactly {@code entries} with one {@code write(2)}.
     *
     * @throws ModuleNotLoadedException if the module is not loaded
     * @throws UoomException with the kernel's errno if it refuses; the queue is then unchanged
     */
    public void write(List<QueueEntry> entries) throws UoomException {
        Path file = file();
        byte[] data;
        try {
            data = OomQueueParser.format(entries).getBytes(StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new UoomException(e.getMessage(), e);
        }
        try {
            KernelFiles.write(file, data);
        } catch (ErrnoException e) {
            if (Errno.ENOENT.is(e.errno()) && "open".equals(e.operation())) {
                throw new ModuleNotLoadedException(file, e);
            }
            throw new UoomException(describe(file, e.errno(), entries), e.errno(), e);
        } catch (IOException e) {
            throw new UoomException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private String describe(Path file, int errno, List<QueueEntry> entries) {
        OptionalInt missing = OptionalInt.empty();
        OptionalLong queueMax = OptionalLong.empty();
        if (Errno.ESRCH.is(errno)) {
            missing = firstMissing(entries);
        } else if (Errno.E2BIG.is(errno)) {
            try {
                queueMax = uoom.status().queueMax();
            } catch (UoomException | IllegalStateException e) {
                // The message falls back to naming the parameter.
            }
        }
        return QueueErrors.message(file, errno, entries.size(), missing, queueMax);
    }

    /** The first entry whose process is gone or whose pid now belongs to a process started at another time. */
    private OptionalInt firstMissing(List<QueueEntry> entries) {
        for (QueueEntry entry : entries) {
            try {
                OptionalLong start = startTime(entry.pid());
                if (start.isEmpty() || start.getAsLong() != entry.startTime()) {
                    return OptionalInt.of(entry.pid());
                }
            } catch (UoomException e) {
                // Unreadable is not proof of absence; look further.
            }
        }
        return OptionalInt.empty();
    }

    private OptionalLong startTime(int pid) throws UoomException {
        return LiveProcess.startTime(paths, pid);
    }

    private static void checkPids(List<Integer> pids) throws UoomException {
        Set<Integer> seen = new HashSet<>();
        for (Integer pid : pids) {
            if (pid == null || pid <= 0) {
                throw new UoomException("invalid pid " + pid + ": pids are positive", null);
            }
            if (!seen.add(pid)) {
                throw new UoomException("pid " + pid + " is listed twice", null);
            }
        }
    }
}
