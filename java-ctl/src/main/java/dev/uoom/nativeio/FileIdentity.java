package dev.uoom.nativeio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.LastErrorException;

/**
 * What names a file: its device and inode numbers, as {@code fstat(2)} gives them in {@code st_dev} and
 * {@code st_ino}. Read with {@code statx(2)}, whose layout, unlike {@code struct stat}, is the same on every
 * architecture.
 *
 * @param device {@code st_dev}, encoded as glibc's {@code makedev()} does
 * @param inode {@code st_ino}
 */
public record FileIdentity(long device, long inode) {
    /** {@code sizeof(struct statx)}. */
    private static final int STATX_SIZE = 256;
    private static final int STX_INO = 32;
    private static final int STX_DEV_MAJOR = 136;
    private static final int STX_DEV_MINOR = STX_DEV_MAJOR + 4;

    /** The file open on descriptor {@code fd}: {@code statx(fd, "", AT_EMPTY_PATH, STATX_INO)}. */
    public static FileIdentity of(int fd) throws ErrnoException {
        byte[] buf = new byte[STATX_SIZE];
        try {
            LibC.INSTANCE.statx(fd, "", LibC.AT_EMPTY_PATH, LibC.STATX_INO, buf);
        } catch (LastErrorException e) {
            throw ErrnoException.from("statx", "fd " + fd, e);
        }
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
        long major = Integer.toUnsignedLong(b.getInt(STX_DEV_MAJOR));
        long minor = Integer.toUnsignedLong(b.getInt(STX_DEV_MINOR));
        return new FileIdentity(makedev(major, minor), b.getLong(STX_INO));
    }

    /** glibc's {@code makedev()}. */
    static long makedev(long major, long minor) {
        return (major & 0xfffff000L) << 32 | (major & 0xfffL) << 8 | (minor & 0xffffff00L) << 12 | (minor & 0xffL);
    }
}
