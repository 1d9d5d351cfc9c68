package dev.uoom.nativeio;

/**
 * The {@code /dev/oom_protect} ABI of {@code kmod/uapi/linux/uoom.h}, written once in Java. {@code
 * OomProtectAbiTest} checks every value against the header.
 */
public final class OomProtectAbi {
    /** The device. */
    public static final String DEVICE = "/dev/oom_protect";

    /** {@code OOMSETPROTECTCMD}: {@code _IOWR('O', 1, int)}, the calling process (2006 ABI). */
    public static final long OOMSETPROTECTCMD = Ioctl.iowr('O', 1, Integer.BYTES);
    /** {@code OOMGETPROTECTCMD}: {@code _IOR('o', 2, int)}, the calling process (2006 ABI). */
    public static final long OOMGETPROTECTCMD = Ioctl.ior('o', 2, Integer.BYTES);

    /** {@code sizeof(struct uoom_protect)}. */
    public static final int PROTECT_SIZE = 24;
    public static final int PROTECT_PIDFD = 0;
    public static final int PROTECT_FLAGS = 4;
    public static final int PROTECT_PROTECT = 8;
    public static final int PROTECT_ADJ = 12;
    public static final int PROTECT_SAVED_ADJ = 16;
    public static final int PROTECT_RESERVED = 20;

    /** {@code UOOM_PROTECT_HOLD}: the protection lasts while the file it was set through stays open. */
    public static final int PROTECT_HOLD = 1;
    /** {@code UOOM_PROTECT_SAVED}: on output, {@code saved_adj} is valid. */
    public static final int PROTECT_SAVED = 1 << 8;

    /** {@code UOOM_IOC_SET_PROTECT}: {@code _IOW('O', 3, struct uoom_protect)}. */
    public static final long IOC_SET_PROTECT = Ioctl.iow('O', 3, PROTECT_SIZE);
    /** {@code UOOM_IOC_GET_PROTECT}: {@code _IOWR('O', 4, struct uoom_protect)}. */
    public static final long IOC_GET_PROTECT = Ioctl.iowr('O', 4, PROTECT_SIZE);

    private OomProtectAbi() {
    }
}
