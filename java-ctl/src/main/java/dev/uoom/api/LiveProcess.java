package dev.uoom.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import dev.uoom.model.QueueEntry;
import dev.uoom.nativeio.Errno;
import dev.uoom.nativeio.ErrnoException;
import dev.uoom.nativeio.KernelFiles;
import dev.uoom.nativeio.PidFd;
import dev.uoom.nativeio.Signals;
import dev.uoom.parse.ProcFormatException;
import dev.uoom.parse.ProcStatParser;
import dev.uoom.paths.ProcPaths;

/**
 * One process held by a pidfd, checked to be the process meant: uoom's one way to act on a process it saw
 * some time before, so that a pid number recycled meanwhile is never protected or signalled.
 * {@link #open(QueueEntry)} opens the pidfd first, then reads the start time from {@code /proc/PID/stat} and
 * compares it, then checks that the pidfd's process still has not been reaped (a signal 0 through it): so the
 * pid was still its own when the start time was read. From then on everything goes through the pidfd.
 * The start time comes from the kernel's {@code /proc}, whatever proc root a scan used, since a pidfd
 * always names a process of this kernel.
 */
public final class LiveProcess implements AutoCloseable {
    private static final ProcPaths KERNEL = new ProcPaths(Path.of(ProcPaths.DEFAULT_ROOT));

    private final PidFd pidfd;
    private final long startTime;

    private LiveProcess(PidFd pidfd, long startTime) {
        this.pidfd = pidfd;
        this.startTime = startTime;
    }

    /**
     * The process {@code expected} names, if it still lives.
     *
     * @return empty if it exited, or if its pid now belongs to a process started at another time
     * @throws UoomException if its stat cannot be read for another reason
     */
    public static Optional<LiveProcess> open(QueueEntry expected) throws UoomException {
        Objects.requireNonNull(expected, "expected");
        return open(expected.pid(), OptionalLong.of(expected.startTime()));
    }

    /**
     * The process that holds {@code pid} now, for a pid just read from a kernel list such as
     * {@code cgroup.procs}; its start time is recorded, so that later calls act on it alone.
     *
     * @return empty if there is no such process
     */
    public static Optional<LiveProcess> open(int pid) throws UoomException {
        return open(pid, OptionalLong.empty());
    }

    private static Optional<LiveProcess> open(int pid, OptionalLong expected) throws UoomException {
        PidFd pidfd;
        try {
            pidfd = PidFd.open(pid);
        } catch (ErrnoException e) {
            if (Errno.ESRCH.is(e.errno())) {
                return Optional.empty();
            }
            throw new UoomException("cannot open a pidfd for pid " + pid + ": " + Errno.describe(e.errno()),
                    e.errno(), e);
        }
        try {
            OptionalLong start = startTime(KERNEL, pid);
            if (start.isPresent() && (expected.isEmpty() || start.getAsLong() == expected.getAsLong())
                    && notReaped(pidfd)) {
                return Optional.of(new LiveProcess(pidfd, start.getAsLong()));
            }
        } catch (UoomException | RuntimeException e) {
            closeQuietly(pidfd, e);
            throw e;
        }
        closeQuietly(pidfd, null);
        return Optional.empty();
    }

    /** Signal 0 through the pidfd: whether the process has not been reaped, so its pid is still its own. */
    private static boolean notReaped(PidFd pidfd) throws UoomException {
        try {
            pidfd.sendSignal(0);
            return true;
        } catch (ErrnoException e) {
            if (Errno.ESRCH.is(e.errno())) {
                return false;
            }
            if (Errno.EPERM.is(e.errno())) {
                // Not ours to signal, but alive: the check is about existence.
                return true;
            }
            throw new UoomException("cannot check pid " + pidfd.pid() + ": " + Errno.describe(e.errno()), e.errno(),
                    e);
        }
    }

    /**
     * The start time of {@code pid} under {@code paths}, or empty if the process does not exist.
     *
     * @throws UoomException if its stat cannot be read for another reason, or is malformed
     */
    static OptionalLong startTime(ProcPaths paths, int pid) throws UoomException {
        Path stat = paths.pidFile(pid, ProcPaths.STAT);
        try {
            return OptionalLong.of(ProcStatParser.parse(KernelFiles.readString(stat)).startTime());
        } catch (ErrnoException e) {
            if (Errno.ENOENT.is(e.errno()) || Errno.ESRCH.is(e.errno())) {
                return OptionalLong.empty();
            }
            throw Failures.unreadable(stat, e);
        } catch (IOException e) {
            throw Failures.unreadable(stat, e);
        } catch (ProcFormatException e) {
            throw Failures.malformed(stat, e);
        }
    }

    /** The pid. */
    public int pid() {
        return pidfd.pid();
    }

    /** The process as a queue entry: its pid and start time. */
    public QueueEntry entry() {
        return new QueueEntry(pid(), startTime);
    }

    /** The pidfd, for calls that take one, such as the protect ioctl. */
    public PidFd pidfd() {
        return pidfd;
    }

    /**
     * Sends {@code signal} through the pidfd ({@code pidfd_send_signal(2)}). After {@code SIGKILL} it also
     * calls {@code process_mrelease(2)}, which frees the process's memory at once instead of when it exits.
     *
     * @return whether the memory of a killed process was released at once: false for another signal, and
     *         when the kernel has no {@code process_mrelease} (before 5.15) or refuses it
     * @throws ErrnoException from {@code pidfd_send_signal}: {@link Errno#ESRCH} if the process is gone,
     *         {@link Errno#EPERM} without permission
     */
    public boolean signal(int signal) throws ErrnoException {
        pidfd.sendSignal(signal);
        if (signal != Signals.SIGKILL) {
            return false;
        }
        try {
            return pidfd.releaseMemory();
        } catch (ErrnoException e) {
            // The kill stands; only the early release failed.
            return false;
        }
    }

    @Override
    public void close() {
        closeQuietly(pidfd, null);
    }

    private static void closeQuietly(PidFd pidfd, Exception primary) {
        try {
            pidfd.close();
        } catch (ErrnoException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            }
        }
    }
}
