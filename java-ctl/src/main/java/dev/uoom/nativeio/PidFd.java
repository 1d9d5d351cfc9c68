package dev.uoom.nativeio;

import com.sun.jna.LastErrorException;

/**
 * A pidfd from {@code pidfd_open(2)}: names one process, so a recycled pid number cannot be mistaken for it.
 * Signals sent through it ({@code pidfd_send_signal(2)}) reach that process or fail with {@code ESRCH}.
 */
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
     * @throws UnsupportedOperationException if the system call numbers of this architecture are not known
     */
    public static PidFd open(int pid) throws ErrnoException {
        long number = Syscalls.current().pidfdOpen();
        try {
            return new PidFd((int) LibC.INSTANCE.syscall(number, (long) pid, 0L), pid);
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

    /**
     * {@code pidfd_send_signal(fd, signal, NULL, 0)}; signal 0 only checks that the process has not been reaped
     * and may be signalled.
     *
     * @throws ErrnoException {@link Errno#ESRCH} if the process is gone, {@link Errno#EPERM} without permission
     */
    public synchronized void sendSignal(int signal) throws ErrnoException {
        checkOpen();
        try {
            LibC.INSTANCE.syscall(Syscalls.current().pidfdSendSignal(), (long) fd, (long) signal, 0L, 0L);
        } catch (LastErrorException e) {
            throw ErrnoException.from("pidfd_send_signal", "pid " + pid, e);
        }
    }

    /**
     * {@code process_mrelease(fd, 0)}: frees the memory of a process that is being killed at once, without
     * waiting for it to exit. Call it after {@code SIGKILL}.
     *
     * @return false if the kernel has no such call (before 5.15: {@code ENOSYS}) or the process is gone
     *         ({@code ESRCH})
     * @throws ErrnoException for another failure, such as {@link Errno#EINVAL} if the process is not dying
     */
    public synchronized boolean releaseMemory() throws ErrnoException {
        checkOpen();
        try {
            LibC.INSTANCE.syscall(Syscalls.current().processMrelease(), (long) fd, 0L);
            return true;
        } catch (LastErrorException e) {
            if (Errno.ENOSYS.is(e.getErrorCode()) || Errno.ESRCH.is(e.getErrorCode())) {
                return false;
            }
            throw ErrnoException.from("process_mrelease", "pid " + pid, e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("pidfd of " + pid + " is closed");
        }
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
