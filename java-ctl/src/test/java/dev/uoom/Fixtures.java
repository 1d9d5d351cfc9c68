package dev.uoom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** The fixture proc trees under {@code src/test/resources/proc/}. */
public final class Fixtures {
    private Fixtures() {
    }

    /** A directory that stands for {@code /proc}, such as {@code proc/hooked}. */
    public static Path procRoot(String name) {
        URL url = Fixtures.class.getResource("/proc/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture proc/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of {@code oom_status} in fixture {@code name}. */
    public static String oomStatus(String name) {
        try {
            return Files.readString(procRoot(name).resolve("oom_status"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
