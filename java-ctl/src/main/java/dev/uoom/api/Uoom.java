package dev.uoom.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import dev.uoom.model.ModuleStatus;
import dev.uoom.nativeio.Errno;
import dev.uoom.nativeio.ErrnoException;
import dev.uoom.nativeio.KernelFiles;
import dev.uoom.nativeio.Uname;
import dev.uoom.parse.OomStatusParser;
import dev.uoom.parse.ProcFormatException;
import dev.uoom.paths.ProcPaths;

/**
 * Entry point for Java applications that use the uoom kernel module.
 * <p>
 * A handle is cheap and holds no kernel resources: every call reads the kernel afresh.
 * Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * Uoom uoom = Uoom.open();
 * ModuleStatus status = uoom.status();
 * if (status.mode() == Mode.HOOKED) {
 *     // the OOM killer takes its victim from the uoom queue
 * }
 * }</pre>
 */
public final class Uoom {
    private final ProcPaths procPaths;

    private Uoom(ProcPaths procPaths) {
        this.procPaths = Objects.requireNonNull(procPaths, "procPaths");
    }

    /**
     * Returns a handle on the running kernel. The proc root is {@code /proc} unless the system property
     * {@value ProcPaths#ROOT_PROPERTY} says otherwise.
     */
    public static Uoom open() {
        return open(ProcPaths.fromSystemProperties());
    }

    /** Returns a handle that reads proc files under {@code procPaths}. */
    public static Uoom open(ProcPaths procPaths) {
        return new Uoom(procPaths);
    }

    /** The proc files this handle reads. */
    public ProcPaths procPaths() {
        return procPaths;
    }

    /**
     * Reads the module's version and mode from {@code /proc/oom_status}.
     *
     * @throws ModuleNotLoadedException if the module is not loaded
     * @throws UoomException if the file cannot be read (see {@link UoomException#errno()}) or is malformed
     */
    public ModuleStatus status() throws UoomException {
        Path file = procPaths.oomStatus();
        String text;
        try {
            text = KernelFiles.readString(file);
        } catch (ErrnoException e) {
            if (Errno.ENOENT.is(e.errno())) {
                throw new ModuleNotLoadedException(file, e);
            }
            throw new UoomException("cannot read " + file + ": " + Errno.describe(e.errno()), e.errno(), e);
        } catch (IOException e) {
            throw new UoomException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return OomStatusParser.parse(text);
        } catch (ProcFormatException e) {
            String where = e.line().isPresent() ? file + " line " + e.line().getAsInt() : file.toString();
            throw new UoomException("malformed " + where + ": " + e.problem(), e);
        }
    }

    /**
     * The running kernel's release, such as {@code 6.12.117-uoom-patched}, from {@code uname(2)}.
     *
     * @throws UoomException if {@code uname(2)} fails
     */
    public String kernelRelease() throws UoomException {
        try {
            return Uname.current().release();
        } catch (ErrnoException e) {
            throw new UoomException(e.getMessage(), e.errno(), e);
        }
    }
}
