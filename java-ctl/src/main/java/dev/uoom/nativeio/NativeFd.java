package dev.uoom.nativeio;

import java.io.ByteArrayOutputStream;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;

/**
 * A file descriptor opened through {@link LibC}. Not thread-safe.
 * <p>
 * Use it with try-with-resources; a failed {@code close} after a failed read is recorded as suppressed.
 */
public final class NativeFd implements AutoCloseable {
    private final int fd;
    private final String path;
    private boolean closed;

    private NativeFd(int fd, String path) {
        this.fd = fd;
        this.path = path;
    }

    /**
     * Opens {@code path} with {@code open(2)}; {@link LibC#O_CLOEXEC} is always added.
     *
     * @throws ErrnoException if the kernel refuses, for example with {@link Errno#ENOENT}
     */
    public static NativeFd open(String path, int flags) throws ErrnoException {
        try {
            return new NativeFd(LibC.INSTANCE.open(path, flags | LibC.O_CLOEXEC), path);
        } catch (LastErrorException e) {
            throw ErrnoException.from("open", path, e);
        }
    }

    /** Takes over {@code fd}, such as a socket, to close it; {@code name} stands for the path in messages. */
    static NativeFd adopt(int fd, String name) {
        return new NativeFd(fd, name);
    }

    /** The raw descriptor, for calls this class does not wrap. */
    public int fd() {
        return fd;
    }

    /** The path this descriptor was opened with. */
    public String path() {
        return path;
    }

    /**
     * Reads up to {@code buf.length} bytes, retrying on {@link Errno#EINTR}.
     *
     * @return the number of bytes read; 0 at end of file
     */
    public int read(byte[] buf) throws ErrnoException {
        while (true) {
            try {
                return (int) LibC.INSTANCE.read(fd, buf, buf.length);
            } catch (LastErrorException e) {
                if (!Errno.EINTR.is(e.getErrorCode())) {
                    throw ErrnoException.from("read", path, e);
                }
            }
        }
    }

    /**
     * Reads the file again from its start, as a whole: {@code lseek(fd, 0, SEEK_SET)}, then reads to end of
     * file. For kernfs files such as cgroup {@code memory.events}, reading through the polled descriptor is what
     * re-arms {@code POLLPRI}.
     *
     * @throws ErrnoException if lseek or read fails
     */
    public byte[] rereadAll() throws ErrnoException {
        try {
            LibC.INSTANCE.lseek(fd, 0, LibC.SEEK_SET);
        } catch (LastErrorException e) {
            throw ErrnoException.from("lseek", path, e);
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = read(buf)) > 0) {
            content.write(buf, 0, n);
        }
        return content.toByteArray();
    }

    /**
     * Writes {@code data} with one {@code write(2)} call, retrying only on {@link Errno#EINTR}. Kernel files
     * such as {@code /proc/oom} parse each call as a whole, so the data is never split.
     *
     * @return the number of bytes the kernel accepted
     */
    public int write(byte[] data) throws ErrnoException {
        while (true) {
            try {
                return (int) LibC.INSTANCE.write(fd, data, data.length);
            } catch (LastErrorException e) {
                if (!Errno.EINTR.is(e.getErrorCode())) {
                    throw ErrnoException.from("write", path, e);
                }
            }
        }
    }

    /**
     * {@code ioctl(2)} with a pointer argument.
     *
     * @param name the request's name, for the error message
     * @throws ErrnoException if the kernel refuses, for example with {@link Errno#ENOTTY}
     */
    public void ioctl(long request, Pointer arg, String name) throws ErrnoException {
        try {
            LibC.INSTANCE.ioctl(fd, request, arg);
        } catch (LastErrorException e) {
            throw ErrnoException.from(name, path, e);
        }
    }

    /** Closes the descriptor. Closing twice does nothing. */
    @Override
    public void close() throws ErrnoException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            LibC.INSTANCE.close(fd);
        } catch (LastErrorException e) {
            throw ErrnoException.from("close", path, e);
        }
    }
}
