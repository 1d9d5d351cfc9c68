package dev.uoom.api;

import java.io.IOException;
import java.nio.file.Path;

import dev.uoom.nativeio.Errno;
import dev.uoom.nativeio.ErrnoException;
import dev.uoom.parse.ProcFormatException;

/** The {@link UoomException}s for files that cannot be read or parsed, worded the same everywhere. */
final class Failures {
    private Failures() {
    }

    /** {@code cannot read FILE: ERRNO (message)}, keeping the errno. */
    static UoomException unreadable(Path file, IOException e) {
        if (e instanceof ErrnoException errno) {
            return new UoomException("cannot read " + file + ": " + Errno.describe(errno.errno()), errno.errno(), e);
        }
        return new UoomException("cannot read " + file + ": " + e.getMessage(), e);
    }

    /** {@code cannot write FILE: ERRNO (message)}, keeping the errno. */
    static UoomException unwritable(Path file, IOException e) {
        if (e instanceof ErrnoException errno) {
            return new UoomException("cannot write " + file + ": " + Errno.describe(errno.errno()), errno.errno(),
                    e);
        }
        return new UoomException("cannot write " + file + ": " + e.getMessage(), e);
    }

    /** {@code malformed FILE line N: problem}. */
    static UoomException malformed(Path file, ProcFormatException e) {
        String where = e.line().isPresent() ? file + " line " + e.line().getAsInt() : file.toString();
        return new UoomException("malformed " + where + ": " + e.problem(), e);
    }
}
