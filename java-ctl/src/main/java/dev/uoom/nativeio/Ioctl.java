package dev.uoom.nativeio;

/**
 * The Linux ioctl number encoding of {@code include/uapi/asm-generic/ioctl.h}, which x86_64 uses: 8 bits of
 * number, 8 of type (the "magic"), 14 of size and 2 of direction. Numbers are unsigned 32-bit values held in a
 * {@code long}, so an {@code _IOR} code with the top bit set stays positive.
 */
public final class Ioctl {
    private static final int NRSHIFT = 0;
    private static final int TYPESHIFT = 8;
    private static final int SIZESHIFT = 16;
    private static final int DIRSHIFT = 30;
    private static final int SIZEMASK = (1 << 14) - 1;

    private static final int NONE = 0;
    private static final int WRITE = 1;
    private static final int READ = 2;

    private Ioctl() {
    }

    /** {@code _IOC(dir, type, nr, size)}. */
    public static long ioc(int dir, char type, int nr, int size) {
        if (size < 0 || size > SIZEMASK || nr < 0 || nr > 0xff || type > 0xff) {
            throw new IllegalArgumentException("ioctl field out of range");
        }
        return (((long) dir << DIRSHIFT) | ((long) type << TYPESHIFT) | ((long) nr << NRSHIFT)
                | ((long) size << SIZESHIFT)) & 0xffff_ffffL;
    }

    /** {@code _IO(type, nr)}. */
    public static long io(char type, int nr) {
        return ioc(NONE, type, nr, 0);
    }

    /** {@code _IOR(type, nr, T)} with {@code sizeof(T) == size}. */
    public static long ior(char type, int nr, int size) {
        return ioc(READ, type, nr, size);
    }

    /** {@code _IOW(type, nr, T)} with {@code sizeof(T) == size}. */
    public static long iow(char type, int nr, int size) {
        return ioc(WRITE, type, nr, size);
    }

    /** {@code _IOWR(type, nr, T)} with {@code sizeof(T) == size}. */
    public static long iowr(char type, int nr, int size) {
        return ioc(READ | WRITE, type, nr, size);
    }
}
