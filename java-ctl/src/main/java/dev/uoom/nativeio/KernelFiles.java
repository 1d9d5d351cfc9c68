package dev.uoom.nativeio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads and writes small kernel files (procfs, sysfs) whole, through {@link LibC} so that errno is preserved.
 */
public final class KernelFiles {
    /** Larger files are refused: kernel status files are a few hundred bytes. */
    public static final int MAX_SIZE = 1 << 20;

    private static final int BUFFER_SIZE = 4096;

    private KernelFiles() {
    }

    /**
     * Reads the whole file.
     *
     * @throws ErrnoException if open, read or close fails
     * @throws IOException if the file is larger than {@link #MAX_SIZE}
     */
    public static byte[] readBytes(Path path) throws IOException {
        String name = path.toString();
        try (NativeFd fd = NativeFd.open(name, LibC.O_RDONLY)) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            byte[] buf = new byte[BUFFER_SIZE];
            int n;
            while ((n = fd.read(buf)) > 0) {
                if (content.size() + n > MAX_SIZE) {
                    throw new IOException(name + ": larger than " + MAX_SIZE + " bytes");
                }
                content.write(buf, 0, n);
            }
            return content.toByteArray();
        }
    }

    /**
     * Reads at most {@code limit} bytes from the start of the file, for files whose size a user controls, such
     * as {@code /proc/PID/cmdline}.
     *
     * @throws ErrnoException if open, read or close fails
     */
    public static byte[] readPrefix(Path path, int limit) throws IOException {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        try (NativeFd fd = NativeFd.open(path.toString(), LibC.O_RDONLY)) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            byte[] buf = new byte[BUFFER_SIZE];
            int n;
            while (content.size() < limit && (n = fd.read(buf)) > 0) {
                content.write(buf, 0, Math.min(n, limit - content.size()));
            }
            return content.toByteArray();
        }
    }

    /** Reads the whole file as UTF-8. */
    public static String readString(Path path) throws IOException {
        return new String(readBytes(path), StandardCharsets.UTF_8);
    }

    /**
     * Opens the file write-only (no {@code O_TRUNC}, no {@code O_CREAT}) and writes {@code data} with one
     * {@code write(2)} call, so the kernel sees it as one request and its errno reaches the caller.
     *
     * @throws ErrnoException if open, write or close fails
     * @throws IOException if the kernel accepted only part of the data
     */
    public static void write(Path path, byte[] data) throws IOException {
        String name = path.toString();
        try (NativeFd fd = NativeFd.open(name, LibC.O_WRONLY)) {
            int n = fd.write(data);
            if (n != data.length) {
                throw new IOException(name + ": short write, " + n + " of " + data.length + " bytes");
            }
        }
    }

    /** Writes {@code text} as US-ASCII with {@link #write(Path, byte[])}. */
    public static void writeString(Path path, String text) throws IOException {
        write(path, text.getBytes(StandardCharsets.US_ASCII));
    }
}
