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
    void writesWithOneCall() throws IOException {
        Path file = Files.writeString(dir.resolve("oom"), "");

        KernelFiles.writeString(file, "1:2 3:4\n");

        assertEquals("1:2 3:4\n", Files.readString(file));
    }

    @Test
    void writeDoesNotCreateOrTruncate() throws IOException {
        Path missing = dir.resolve("missing");
        Path file = Files.writeString(dir.resolve("long"), "0123456789\n");

        ErrnoException e = assertThrows(ErrnoException.class, () -> KernelFiles.writeString(missing, "1\n"));
        KernelFiles.writeString(file, "ab");

        assertEquals(Errno.ENOENT.code(), e.errno());
        assertFalse(Files.exists(missing));
        assertEquals("ab23456789\n", Files.readString(file));
    }

    @Test
    void writeReportsErrnoOfKernelFile() {
        // /proc/self/stat has no write handler; the kernel refuses the open.
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> KernelFiles.writeString(Path.of("/proc/self/stat"), "1\n"));

        assertTrue(e.errno() == Errno.EACCES.code() || e.errno() == Errno.EINVAL.code(), e.getMessage());
    }

    @Test
    void refusesOversizedFile() throws IOException {
        Path big = Files.write(dir.resolve("big"), new byte[KernelFiles.MAX_SIZE + 1]);

        IOException e = assertThrows(IOException.class, () -> KernelFiles.readBytes(big));

        assertFalse(e instanceof ErrnoException);
    }

    @Test
    void readsPrefixOfOversizedFile() throws IOException {
        byte[] content = new byte[KernelFiles.MAX_SIZE + 5000];
        new Random(7).nextBytes(content);
        Path big = Files.write(dir.resolve("big"), content);

        byte[] prefix = KernelFiles.readPrefix(big, 10_000);

        assertArrayEquals(java.util.Arrays.copyOf(content, 10_000), prefix);
        assertEquals(KernelFiles.MAX_SIZE, KernelFiles.readPrefix(big, KernelFiles.MAX_SIZE).length);
        assertArrayEquals("ab".getBytes(), KernelFiles.readPrefix(Files.writeString(dir.resolve("s"), "ab"), 10));
    }
}
