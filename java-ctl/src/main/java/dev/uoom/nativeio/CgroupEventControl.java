package dev.uoom.nativeio;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A cgroup v1 event listener ({@code Documentation/admin-guide/cgroup-v1/memory.rst}, "Memory thresholds" and
 * "OOM control"): an eventfd registered through {@code cgroup.event_control} as {@code "<event_fd> <control_fd>"}.
 * For {@code memory.oom_control} the eventfd becomes readable each time the group enters OOM, as in the 2010
 * {@code memcg_oom_waiter}. The kernel removes the registration when the eventfd is closed or the group goes away.
 */
public final class CgroupEventControl implements AutoCloseable {
    private final EventFd event;
    private final NativeFd control;

    private CgroupEventControl(EventFd event, NativeFd control) {
        this.event = event;
        this.control = control;
    }

    /**
     * Registers an eventfd for {@code controlFile}, such as {@code .../memory.oom_control}.
     *
     * @param eventControl the group's {@code cgroup.event_control}
     * @throws ErrnoException {@link Errno#ENOENT} if the files do not exist (not a v1 memory group),
     *         {@link Errno#EINVAL} if the file does not support events
     */
    public static CgroupEventControl register(Path eventControl, Path controlFile) throws ErrnoException {
        NativeFd control = NativeFd.open(controlFile.toString(), LibC.O_RDONLY);
        EventFd event = null;
        try {
            event = EventFd.create();
            String line = event.fd() + " " + control.fd();
            try (NativeFd writer = NativeFd.open(eventControl.toString(), LibC.O_WRONLY)) {
                writer.write(line.getBytes(StandardCharsets.US_ASCII));
            }
            return new CgroupEventControl(event, control);
        } catch (ErrnoException e) {
            closeQuietly(event, e);
            closeQuietly(control, e);
            throw e;
        }
    }

    /** The eventfd to poll for {@link LibC#POLLIN}. */
    public int fd() {
        return event.fd();
    }

    /** Whether events arrived since the last call; resets the count. */
    public boolean consume() throws ErrnoException {
        return event.consume();
    }

    /** The control file, open read-only; {@link NativeFd#rereadAll()} reads its current state. */
    public NativeFd controlFile() {
        return control;
    }

    @Override
    public void close() throws ErrnoException {
        try {
            event.close();
        } finally {
            control.close();
        }
    }

    private static void closeQuietly(AutoCloseable c, Exception primary) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }
}
