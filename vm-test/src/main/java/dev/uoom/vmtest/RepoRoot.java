package dev.uoom.vmtest;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the uoom repository that holds the kernels and the guest scripts. */
public final class RepoRoot {

    /** The system property that names the repo root; the parent POM sets it for Surefire. */
    public static final String PROPERTY = "uoom.root";

    private static final Path MARKER = Path.of("vm-test", "guest", "init");

    private RepoRoot() {}

    /**
     * The repo root: the directory named by {@value #PROPERTY}, or else the current directory, or
     * the nearest of their parents that holds {@code vm-test/guest/init}.
     *
     * @throws IllegalStateException if there is no such directory
     */
    public static Path find() {
        String property = System.getProperty(PROPERTY);
        Path start = Path.of(property == null || property.isBlank() ? "" : property).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(MARKER))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the uoom repo: no " + MARKER + " in " + start
                + " or its parents; set -D" + PROPERTY + "=<repo root>");
    }
}
