package dev.uoom.nativeio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads real files through JNA. */
class KernelFilesTest {
    private static final int EISDIR = 21;

    @TempDir
    Path dir;

    @Test
    void readsWholeFileAcrossBufferBoundaries() throws IOException {
        byte[] content = new byte[10_000];
        new Random(42).nextBytes(content);
        Path file = Files.write(dir.resolve("data"), content);

        assertArrayEquals(content, KernelFiles.readBytes(file));
    }

    @Test
    void readsProcFile() throws IOException {
        String status = KernelFiles.readString(Path.of("/proc/self/status"));

        assertTrue(status.startsWith("Name:"), status);
    }

    @Test
    void readsEmptyFile() throws IOException {
        assertEquals("", KernelFiles.readString(Files.createFile(dir.resolve("empty"))));
    }

    @Test
    void reportsEnoentForMissingFile() {
        Path missing = dir.resolve("missing");

        ErrnoException e = assertThrows(ErrnoException.class, () -> KernelFiles.readString(missing));

        assertEquals(Errno.ENOENT.code(), e.errno());
        assertEquals("open", e.operation());
        assertEquals(missing.toString(), e.path());
        assertEquals("open " + missing + ": ENOENT (No such file or directory)", e.getMessage());
    }

    @Test
    void reportsErrnoOfFailedRead() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> KernelFiles.readString(dir));

        assertEquals(EISDIR, e.errno());
        assertEquals("read", e.operation());
    }

    @Test
    void refusesOversizedFile() throws IOException {
        Path big = Files.write(dir.resolve("big"), new byte[KernelFiles.MAX_SIZE + 1]);

        IOException e = assertThrows(IOException.class, () -> KernelFiles.readBytes(big));

        assertFalse(e instanceof ErrnoException);
    }
}
