package dev.uoom.nativeio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.LastErrorException;

/**
 * A non-blocking {@code eventfd(2)}: a wake-up descriptor for a thread blocked in {@link Poll#poll}.
 * {@link #signal()} may be called from any thread, even while another closes the descriptor: it never writes
 * to a descriptor number that has been closed and perhaps reused.
 */
public final class EventFd implements AutoCloseable {
    private static final int COUNTER_BYTES = 8;

    private final int fd;
    private boolean closed;

    private EventFd(int fd) {
        this.fd = fd;
    }

    /** Creates an eventfd with {@code EFD_CLOEXEC | EFD_NONBLOCK}. */
    public static EventFd create() throws ErrnoException {
        try {
            return new EventFd(LibC.INSTANCE.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK));
        } catch (LastErrorException e) {
            throw ErrnoException.from("eventfd", null, e);
        }
    }

    /** The descriptor, readable ({@link LibC#POLLIN}) once {@link #signal()} has been called. */
    public int fd() {
        return fd;
    }

    /** Makes the descriptor readable. Does nothing once closed. */
    public synchronized void signal() throws ErrnoException {
        if (closed) {
            return;
        }
        byte[] one = ByteBuffer.allocate(COUNTER_BYTES).order(ByteOrder.nativeOrder()).putLong(1).array();
        try {
            LibC.INSTANCE.write(fd, one, one.length);
        } catch (LastErrorException e) {
            if (!Errno.EAGAIN.is(e.getErrorCode())) {
                throw ErrnoException.from("write", "eventfd", e);
            }
        }
    }

    /** Whether {@link #signal()} was called since the last call to this method; resets the descriptor. */
    public boolean consume() throws ErrnoException {
        try {
            return LibC.INSTANCE.read(fd, new byte[COUNTER_BYTES], COUNTER_BYTES) == COUNTER_BYTES;
        } catch (LastErrorException e) {
            if (Errno.EAGAIN.is(e.getErrorCode())) {
                return false;
            }
            throw ErrnoException.from("read", "eventfd", e);
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
            throw ErrnoException.from("close", "eventfd", e);
        }
    }
}
