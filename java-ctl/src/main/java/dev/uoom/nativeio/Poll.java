package dev.uoom.nativeio;

import com.sun.jna.LastErrorException;

/** {@code poll(2)} on a few descriptors, always with a timeout. */
public final class Poll {
    private Poll() {
    }

    /**
     * Waits until one of {@code fds} has one of its {@code events}, or {@code timeoutMillis} pass.
     *
     * @param fds the descriptors
     * @param events for each descriptor, the events to wait for, such as {@link LibC#POLLPRI}
     * @param timeoutMillis the longest wait; must not be negative, so a call never blocks forever
     * @return for each descriptor, the events that happened ({@code revents}); all zero after a timeout or
     *         when a signal interrupted the wait
     * @throws ErrnoException if {@code poll(2)} fails with anything but {@link Errno#EINTR}
     */
    public static short[] poll(int[] fds, short[] events, int timeoutMillis) throws ErrnoException {
        if (fds.length == 0 || fds.length != events.length) {
            throw new IllegalArgumentException("need one event mask per descriptor");
        }
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeoutMillis);
        }
        LibC.PollFd[] pollFds = (LibC.PollFd[]) new LibC.PollFd().toArray(fds.length);
        for (int i = 0; i < fds.length; i++) {
            pollFds[i].fd = fds[i];
            pollFds[i].events = events[i];
        }
        short[] revents = new short[fds.length];
        try {
            LibC.INSTANCE.poll(pollFds, pollFds.length, timeoutMillis);
        } catch (LastErrorException e) {
            if (Errno.EINTR.is(e.getErrorCode())) {
                return revents;
            }
            throw ErrnoException.from("poll", null, e);
        }
        for (int i = 0; i < fds.length; i++) {
            revents[i] = pollFds[i].revents;
        }
        return revents;
    }
}
