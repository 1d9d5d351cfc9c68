package dev.uoom.nativeio;

import com.sun.jna.LastErrorException;

/** A pidfd from {@code pidfd_open(2)}: names one process, so a recycled pid number cannot be mistaken for it. */
public final class PidFd implements AutoCloseable {
    private final int fd;
    private boolean closed;
    private final int pid;

    private PidFd(int fd, int pid) {
        this.fd = fd;
        this.pid = pid;
    }

    /**
     * {@code pidfd_open(pid, 0)}.
     *
     * @throws ErrnoException {@link Errno#ESRCH} if there is no such process
     */
    public static PidFd open(int pid) throws ErrnoException {
        try {
            return new PidFd((int) LibC.INSTANCE.syscall(LibC.SYS_PIDFD_OPEN, pid, 0), pid);
        } catch (LastErrorException e) {
            throw ErrnoException.from("pidfd_open", "pid " + pid, e);
        }
    }

    /** The raw descriptor. */
    public int fd() {
        return fd;
    }

    /** The pid it was opened for. */
    public int pid() {
        return pid;
    }

    @Override
    public synchronized void close() throws ErrnoException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            LibC.INSTANCE.close(fd);
        } catch (LastErrorException e) {
            throw ErrnoException.from("close", "pidfd of " + pid, e);
        }
    }
}
