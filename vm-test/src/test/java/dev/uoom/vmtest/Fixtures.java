package dev.uoom.vmtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Console logs captured from real guest runs, under {@code src/test/resources/consoles/}. */
final class Fixtures {

    private Fixtures() {}

    /** The raw console (CR LF line ends, as the serial port wrote it). */
    static String console(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/consoles/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture consoles/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
