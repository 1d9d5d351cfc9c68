package dev.uoom.nativeio;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;

/**
 * An open {@code /dev/oom_protect}. Protection set with {@link #set} and {@code hold} lasts until this device is
 * closed. Not thread-safe.
 */
public final class OomProtectDevice implements AutoCloseable {
    private final NativeFd fd;

    /** What {@code UOOM_IOC_GET_PROTECT} reports: {@code savedAdj} is meaningful only if {@code saved}. */
    public record State(boolean protectedNow, int adj, boolean saved, int savedAdj) {
    }

    private OomProtectDevice(NativeFd fd) {
        this.fd = fd;
    }

    /**
     * Opens the device.
     *
     * @throws ErrnoException {@link Errno#ENOENT} if the uoom module (with protection) is not loaded
     */
    public static OomProtectDevice open(String path) throws ErrnoException {
        return new OomProtectDevice(NativeFd.open(path, LibC.O_RDONLY));
    }

    /** {@code OOMSETPROTECTCMD}: protect (or unprotect) the calling process. */
    public void setSelf(boolean protect) throws ErrnoException {
        IntByReference mode = new IntByReference(protect ? 1 : 0);
        fd.ioctl(OomProtectAbi.OOMSETPROTECTCMD, mode.getPointer(), "OOMSETPROTECTCMD");
    }

    /**
     * {@code UOOM_IOC_SET_PROTECT} on the process behind {@code pidfd}.
     *
     * @param hold the protection ends when this device is closed
     */
    public void set(PidFd pidfd, boolean protect, boolean hold) throws ErrnoException {
        Memory arg = new Memory(OomProtectAbi.PROTECT_SIZE);
        arg.clear();
        arg.setInt(OomProtectAbi.PROTECT_PIDFD, pidfd.fd());
        arg.setInt(OomProtectAbi.PROTECT_FLAGS, hold ? OomProtectAbi.PROTECT_HOLD : 0);
        arg.setInt(OomProtectAbi.PROTECT_PROTECT, protect ? 1 : 0);
        fd.ioctl(OomProtectAbi.IOC_SET_PROTECT, arg, "UOOM_IOC_SET_PROTECT");
    }

    /** {@code UOOM_IOC_GET_PROTECT} on the process behind {@code pidfd}. */
    public State get(PidFd pidfd) throws ErrnoException {
        Memory arg = new Memory(OomProtectAbi.PROTECT_SIZE);
        arg.clear();
        arg.setInt(OomProtectAbi.PROTECT_PIDFD, pidfd.fd());
        fd.ioctl(OomProtectAbi.IOC_GET_PROTECT, arg, "UOOM_IOC_GET_PROTECT");
        return new State(arg.getInt(OomProtectAbi.PROTECT_PROTECT) == 1, arg.getInt(OomProtectAbi.PROTECT_ADJ),
                (arg.getInt(OomProtectAbi.PROTECT_FLAGS) & OomProtectAbi.PROTECT_SAVED) != 0,
                arg.getInt(OomProtectAbi.PROTECT_SAVED_ADJ));
    }

    @Override
    public void close() throws ErrnoException {
        fd.close();
    }
}
