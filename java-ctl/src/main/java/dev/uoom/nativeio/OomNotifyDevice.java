package dev.uoom.nativeio;

import java.nio.ByteOrder;

import com.sun.jna.Memory;

/**
 * An open {@code /dev/oom_notify} (or {@code /dev/oom_notify_critical}), non-blocking: {@code read(2)} returns
 * whole records or fails with {@link Errno#EAGAIN}, {@code poll(2)} reports {@link LibC#POLLIN} when a record
 * is ready. Not thread-safe.
 */
public final class OomNotifyDevice implements AutoCloseable {
    private final NativeFd fd;

    private OomNotifyDevice(NativeFd fd) {
        this.fd = fd;
    }

    /**
     * Opens the device read-only and non-blocking.
     *
     * @throws ErrnoException {@link Errno#ENOENT} if the uoom module is not loaded
     */
    public static OomNotifyDevice open(String path) throws ErrnoException {
        return new OomNotifyDevice(NativeFd.open(path, LibC.O_RDONLY | LibC.O_NONBLOCK));
    }

    /** The descriptor to poll for {@link LibC#POLLIN}. */
    public int fd() {
        return fd.fd();
    }

    /** The device's path. */
    public String path() {
        return fd.path();
    }

    /**
     * {@code UOOM_IOC_NOTIFY_SET_CONFIG}.
     *
     * @param threshold the lowest {@code enum uoom_level} that wakes this descriptor
     * @throws ErrnoException {@link Errno#EINVAL} for a level outside LOW..OOM
     */
    public void setConfig(int threshold, int hysteresisMs) throws ErrnoException {
        Memory config = new Memory(OomNotifyAbi.CONFIG_SIZE);
        config.clear();
        config.setInt(OomNotifyAbi.CONFIG_THRESHOLD, threshold);
        config.setInt(OomNotifyAbi.CONFIG_HYSTERESIS_MS, hysteresisMs);
        fd.ioctl(OomNotifyAbi.IOC_NOTIFY_SET_CONFIG, config, "UOOM_IOC_NOTIFY_SET_CONFIG");
    }

    /** {@code UOOM_IOC_NOTIFY_GET_CONFIG}: {threshold, hysteresis_ms}. */
    public int[] getConfig() throws ErrnoException {
        Memory config = new Memory(OomNotifyAbi.CONFIG_SIZE);
        config.clear();
        fd.ioctl(OomNotifyAbi.IOC_NOTIFY_GET_CONFIG, config, "UOOM_IOC_NOTIFY_GET_CONFIG");
        return new int[] {config.getInt(OomNotifyAbi.CONFIG_THRESHOLD),
            config.getInt(OomNotifyAbi.CONFIG_HYSTERESIS_MS)};
    }

    /**
     * Reads the records that are ready into {@code buf}, whose length must be a multiple of
     * {@link OomNotifyAbi#EVENT_SIZE}.
     *
     * @return the number of bytes read; 0 if none is ready ({@link Errno#EAGAIN})
     */
    public int read(byte[] buf) throws ErrnoException {
        try {
            return fd.read(buf);
        } catch (ErrnoException e) {
            if (Errno.EAGAIN.is(e.errno())) {
                return 0;
            }
            throw e;
        }
    }

    /** The byte order of the records: the kernel's, which is this machine's. */
    public static ByteOrder byteOrder() {
        return ByteOrder.nativeOrder();
    }

    /** A buffer for up to {@code records} records. */
    public static byte[] buffer(int records) {
        return new byte[records * OomNotifyAbi.EVENT_SIZE];
    }

    @Override
    public void close() throws ErrnoException {
        fd.close();
    }
}
