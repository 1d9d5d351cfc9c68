package dev.uoom.paths;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Locations of the proc files uoom uses, under a configurable root.
 * <p>
 * The root is {@value #DEFAULT_ROOT} unless the system property {@value #ROOT_PROPERTY} or the constructor
 * says otherwise, so tests can point it at a directory of fixture files.
 *
 * @param root the directory that stands for {@code /proc}
 */
public record ProcPaths(Path root) {
    /** System property that overrides the proc root. */
    public static final String ROOT_PROPERTY = "uoom.proc.root";
    /** The proc root on a live system. */
    public static final String DEFAULT_ROOT = "/proc";

    /** Module status: version and mode (hooked or advisory). */
    public static final String OOM_STATUS = "oom_status";

    public ProcPaths {
        Objects.requireNonNull(root, "root");
    }

    /** Uses {@value #ROOT_PROPERTY} if set and not blank, otherwise {@value #DEFAULT_ROOT}. */
    public static ProcPaths fromSystemProperties() {
        String root = System.getProperty(ROOT_PROPERTY);
        return new ProcPaths(Path.of(root == null || root.isBlank() ? DEFAULT_ROOT : root));
    }

    /** Resolves a path relative to the proc root, such as {@link #OOM_STATUS}. */
    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    /** {@code /proc/oom_status}. */
    public Path oomStatus() {
        return resolve(OOM_STATUS);
    }
}
