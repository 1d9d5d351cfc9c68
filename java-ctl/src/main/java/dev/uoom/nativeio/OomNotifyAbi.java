package dev.uoom.nativeio;

/**
 * The {@code /dev/oom_notify} ABI of {@code kmod/uapi/linux/uoom.h}, written once in Java: ioctl numbers, record
 * sizes and field offsets. {@code OomNotifyAbiTest} checks every value against the header.
 */
public final class OomNotifyAbi {
    /** The device. */
    public static final String DEVICE = "/dev/oom_notify";
    /** The same device with the threshold preset to {@code UOOM_LEVEL_CRITICAL}. */
    public static final String DEVICE_CRITICAL = "/dev/oom_notify_critical";

    /** {@code UOOM_NOTIFY_MAGIC}. */
    public static final char MAGIC = 'N';

    /** {@code sizeof(struct uoom_notify_event)}. */
    public static final int EVENT_SIZE = 48;
    public static final int EVENT_TIMESTAMP_NS = 0;
    public static final int EVENT_LEVEL = 8;
    public static final int EVENT_SOURCE = 12;
    public static final int EVENT_MEM_AVAILABLE_KB = 16;
    public static final int EVENT_FREE_KB = 24;
    public static final int EVENT_SWAPOUT_DELTA = 32;
    public static final int EVENT_VICTIM_PID = 40;
    public static final int EVENT_COUNT = 44;

    /** {@code sizeof(struct uoom_notify_config)}. */
    public static final int CONFIG_SIZE = 16;
    public static final int CONFIG_THRESHOLD = 0;
    public static final int CONFIG_HYSTERESIS_MS = 4;
    public static final int CONFIG_RESERVED = 8;

    /** {@code UOOM_IOC_NOTIFY_SET_CONFIG}: {@code _IOW('N', 1, struct uoom_notify_config)}. */
    public static final long IOC_NOTIFY_SET_CONFIG = Ioctl.iow(MAGIC, 1, CONFIG_SIZE);
    /** {@code UOOM_IOC_NOTIFY_GET_CONFIG}: {@code _IOR('N', 2, struct uoom_notify_config)}. */
    public static final long IOC_NOTIFY_GET_CONFIG = Ioctl.ior(MAGIC, 2, CONFIG_SIZE);

    private OomNotifyAbi() {
    }
}
