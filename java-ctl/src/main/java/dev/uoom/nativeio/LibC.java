package dev.uoom.nativeio;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * JNA bindings to the C library calls uoom uses to talk to the kernel.
 * <p>
 * Every call declares {@link LastErrorException}, so a failure carries the {@code errno} the kernel returned.
 * The bindings assume the LP64 Linux ABI: C {@code long}, {@code size_t} and {@code ssize_t} map to Java
 * {@code long}.
 */
public interface LibC extends Library {

    /** The process-wide binding, loaded on first use. */
    LibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;

    short POLLIN = 0x001;
    short POLLPRI = 0x002;
    short POLLOUT = 0x004;
    short POLLERR = 0x008;
    short POLLHUP = 0x010;
    short POLLNVAL = 0x020;

    /** {@code mlockall(2)} flags. */
    int MCL_CURRENT = 1;
    int MCL_FUTURE = 2;
    int MCL_ONFAULT = 4;

    /** {@code eventfd(2)} flags: the same bits as {@link #O_CLOEXEC} and {@link #O_NONBLOCK}. */
    int EFD_CLOEXEC = O_CLOEXEC;
    int EFD_NONBLOCK = O_NONBLOCK;

    /** {@code sysconf(3)} names, as glibc numbers them. */
    int SC_CLK_TCK = 2;
    int SC_PAGESIZE = 30;

    /** {@code lseek(2)} whence. */
    int SEEK_SET = 0;

    /** {@code socket(2)}: the domain, type and flags, and a {@code send} flag. */
    int AF_UNIX = 1;
    int SOCK_DGRAM = 2;
    int SOCK_NONBLOCK = O_NONBLOCK;
    int SOCK_CLOEXEC = O_CLOEXEC;
    int MSG_NOSIGNAL = 0x4000;

    /** {@code statx(2)}: stat the descriptor itself; the inode number is wanted. */
    int AT_EMPTY_PATH = 0x1000;
    int STATX_INO = 0x100;

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    long read(int fd, byte[] buf, long count) throws LastErrorException;

    long write(int fd, byte[] buf, long count) throws LastErrorException;

    /** {@code ioctl(2)} with a pointer argument; {@code request} is the unsigned command number. */
    int ioctl(int fd, long request, Pointer arg) throws LastErrorException;

    /** {@code poll(2)}; {@code fds} must come from {@link Structure#toArray(int)} so it is contiguous. */
    int poll(PollFd[] fds, int nfds, int timeoutMillis) throws LastErrorException;

    int uname(UtsName buf) throws LastErrorException;

    long lseek(int fd, long offset, int whence) throws LastErrorException;

    int mlockall(int flags) throws LastErrorException;

    int munlockall() throws LastErrorException;

    int eventfd(int initval, int flags) throws LastErrorException;

    long sysconf(int name) throws LastErrorException;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    /** {@code bind(2)}; {@code addr} is a {@code struct sockaddr_un} of {@code addrlen} bytes. */
    int bind(int fd, byte[] addr, int addrlen) throws LastErrorException;

    long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrlen) throws LastErrorException;

    long recv(int fd, byte[] buf, long len, int flags) throws LastErrorException;

    /** {@code statx(2)} (glibc 2.28+); {@code buf} holds a {@code struct statx}: see {@link FileIdentity}. */
    int statx(int dirfd, String path, int flags, int mask, byte[] buf) throws LastErrorException;

    /** {@code syscall(2)}; the numbers are in {@link Syscalls}. Pass arguments as {@code long}. */
    long syscall(long number, Object... args) throws LastErrorException;

    /** {@code struct pollfd}. */
    @FieldOrder({"fd", "events", "revents"})
    class PollFd extends Structure {
        public int fd;
        public short events;
        public short revents;
    }

    /** {@code struct utsname} as laid out by glibc on Linux. */
    @FieldOrder({"sysname", "nodename", "release", "version", "machine", "domainname"})
    class UtsName extends Structure {
        /** {@code _UTSNAME_LENGTH} on Linux. */
        public static final int FIELD_LENGTH = 65;

        public byte[] sysname = new byte[FIELD_LENGTH];
        public byte[] nodename = new byte[FIELD_LENGTH];
        public byte[] release = new byte[FIELD_LENGTH];
        public byte[] version = new byte[FIELD_LENGTH];
        public byte[] machine = new byte[FIELD_LENGTH];
        public byte[] domainname = new byte[FIELD_LENGTH];
    }
}
