package dev.uoom.api;

import java.nio.file.Path;

import dev.uoom.nativeio.Errno;

/** The uoom kernel module is not loaded: its status file does not exist. */
public class ModuleNotLoadedException extends UoomException {
    private static final long serialVersionUID = 1L;

    private final String statusFile;

    /**
     * @param statusFile the missing status file, normally {@code /proc/oom_status}
     */
    public ModuleNotLoadedException(Path statusFile, Throwable cause) {
        super("module not loaded (" + statusFile + " does not exist); load uoom.ko first", Errno.ENOENT.code(),
                cause);
        this.statusFile = statusFile.toString();
    }

    /** The missing status file. */
    public Path statusFile() {
        return Path.of(statusFile);
    }
}
