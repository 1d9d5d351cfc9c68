package dev.uoom.nativeio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import com.sun.jna.LastErrorException;

/**
 * A non-blocking {@code AF_UNIX} {@code SOCK_DGRAM} socket. An address is a path, or, starting with {@code @},
 * a name in the abstract namespace (the {@code @} stands for the leading NUL byte), as systemd writes them.
 */
public final class UnixDatagramSocket implements AutoCloseable {
    /** {@code sizeof(sun_path)}. */
    static final int PATH_MAX = 108;
    private static final int FAMILY_BYTES = 2;

    private final NativeFd socket;
    private final int fd;

    private UnixDatagramSocket(int fd) {
        this.socket = NativeFd.adopt(fd, "socket");
        this.fd = fd;
    }

    /** {@code socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)}. */
    public static UnixDatagramSocket open() throws ErrnoException {
        try {
            return new UnixDatagramSocket(LibC.INSTANCE.socket(LibC.AF_UNIX,
                    LibC.SOCK_DGRAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0));
        } catch (LastErrorException e) {
            throw ErrnoException.from("socket", null, e);
        }
    }

    /** The descriptor. */
    public int fd() {
        return fd;
    }

    /** Binds the socket to {@code address}. */
    public void bind(String address) throws ErrnoException {
        byte[] addr = sockaddr(address);
        try {
            LibC.INSTANCE.bind(fd, addr, addr.length);
        } catch (LastErrorException e) {
            throw ErrnoException.from("bind", address, e);
        }
    }

    /** Sends {@code message} as one datagram to {@code address}; fails with {@link Errno#EAGAIN} if it is full. */
    public void send(byte[] message, String address) throws ErrnoException {
        byte[] addr = sockaddr(address);
        while (true) {
            try {
                LibC.INSTANCE.sendto(fd, message, message.length, LibC.MSG_NOSIGNAL, addr, addr.length);
                return;
            } catch (LastErrorException e) {
                if (!Errno.EINTR.is(e.getErrorCode())) {
                    throw ErrnoException.from("sendto", address, e);
                }
            }
        }
    }

    /** The next datagram, waiting up to {@code timeoutMillis}; empty if none came. */
    public Optional<byte[]> receive(int maxBytes, int timeoutMillis) throws ErrnoException {
        short[] revents = Poll.poll(new int[] {fd}, new short[] {LibC.POLLIN}, timeoutMillis);
        if ((revents[0] & LibC.POLLIN) == 0) {
            return Optional.empty();
        }
        byte[] buf = new byte[maxBytes];
        try {
            return Optional.of(Arrays.copyOf(buf, (int) LibC.INSTANCE.recv(fd, buf, buf.length, 0)));
        } catch (LastErrorException e) {
            if (Errno.EAGAIN.is(e.getErrorCode())) {
                return Optional.empty();
            }
            throw ErrnoException.from("recv", null, e);
        }
    }

    /**
     * The {@code struct sockaddr_un} for {@code address}, as long as the address needs: a path with its NUL, an
     * abstract name without one.
     *
     * @throws IllegalArgumentException if the address is empty or longer than {@code sun_path}
     */
    static byte[] sockaddr(String address) {
        byte[] path = address.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = address.startsWith("@");
        int length = abstractName ? path.length : path.length + 1;
        if (path.length == 0 || length > PATH_MAX || (abstractName && path.length == 1)) {
            throw new IllegalArgumentException("not an AF_UNIX address: \"" + address + "\"");
        }
        ByteBuffer b = ByteBuffer.allocate(FAMILY_BYTES + length).order(ByteOrder.nativeOrder());
        b.putShort((short) LibC.AF_UNIX).put(path);
        if (abstractName) {
            b.put(FAMILY_BYTES, (byte) 0);
        }
        return b.array();
    }

    @Override
    public void close() throws ErrnoException {
        socket.close();
    }
}
