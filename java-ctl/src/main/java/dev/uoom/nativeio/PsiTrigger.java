package dev.uoom.nativeio;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A PSI trigger ({@code Documentation/accounting/psi.rst}) registered on a pressure file such as
 * {@code /proc/pressure/memory}. The descriptor reports {@link LibC#POLLPRI} when the stall threshold is
 * crossed within the window, at most once per window, and {@link LibC#POLLERR} if the trigger goes away.
 */
public final class PsiTrigger implements AutoCloseable {
    private final NativeFd fd;
    private final String spec;

    private PsiTrigger(NativeFd fd, String spec) {
        this.fd = fd;
        this.spec = spec;
    }

    /**
     * Registers {@code spec}, such as {@code some 150000 1000000} (stall and window in microseconds).
     *
     * @throws ErrnoException {@link Errno#ENOENT} without PSI, {@link Errno#EOPNOTSUPP} if PSI is disabled at
     *         boot, {@link Errno#EINVAL} for a bad spec or, without CAP_SYS_RESOURCE, a window that is not a
     *         multiple of 2 s
     */
    public static PsiTrigger register(Path file, String spec) throws ErrnoException {
        NativeFd fd = NativeFd.open(file.toString(), LibC.O_RDWR | LibC.O_NONBLOCK);
        try {
            // The kernel overwrites the last byte of the write with NUL, so send the terminator.
            fd.write((spec + "\0").getBytes(StandardCharsets.US_ASCII));
            return new PsiTrigger(fd, spec);
        } catch (ErrnoException e) {
            try {
                fd.close();
            } catch (ErrnoException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /** The descriptor to poll for {@link LibC#POLLPRI}. */
    public int fd() {
        return fd.fd();
    }

    /** The trigger as registered, such as {@code some 150000 1000000}. */
    public String spec() {
        return spec;
    }

    @Override
    public void close() throws ErrnoException {
        fd.close();
    }
}
