package dev.uoom.api;

import dev.uoom.nativeio.Errno;
import dev.uoom.nativeio.ErrnoException;
import dev.uoom.nativeio.KernelFiles;
import dev.uoom.parse.ProcFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/** Reads the proc files the module creates, with the same errors everywhere. */
final class ModuleFiles {
    private ModuleFiles() {
    }

    /**
     * Reads {@code file} and parses it.
     *
     * @throws ModuleNotLoadedException if the file does not exist
     * @throws UoomException if it cannot be read or {@code parser} finds it malformed
     */
    static <T> T read(Path file, Function<String, T> parser) throws UoomException {
        String text;
        try {
            text = KernelFiles.readString(file);
        } catch (ErrnoException e) {
            if (Errno.ENOENT.is(e.errno())) {
                throw new ModuleNotLoadedException(file, e);
            }
            throw Failures.unreadable(file, e);
        } catch (IOException e) {
            throw Failures.unreadable(file, e);
        }
        try {
            return parser.apply(text);
        } catch (ProcFormatException e) {
            throw Failures.malformed(file, e);
        }
    }
}
