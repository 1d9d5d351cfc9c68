package dev.uoom.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.jna.LastErrorException;
import com.sun.jna.ptr.IntByReference;

/** Exercises each binding once against the host kernel, so a wrong signature fails here. */
class LibCTest {
    /** {@code _IOR('o', 2, int)}, masked into a long as an unsigned int. */
    private static final long IOR_O_2_INT = 0x80046f02L;
    /** Above the largest pid_max, so no process has it. */
    private static final int NO_SUCH_PID = 1 << 23;

    @TempDir
    Path dir;

    @Test
    void writesThroughFd() throws IOException {
        Path file = Files.createFile(dir.resolve("out"));
        byte[] data = "queue 42\n".getBytes(StandardCharsets.US_ASCII);

        try (NativeFd fd = NativeFd.open(file.toString(), LibC.O_WRONLY)) {
            assertEquals(data.length, LibC.INSTANCE.write(fd.fd(), data, data.length));
        }

        assertEquals("queue 42\n", Files.readString(file));
    }

    @Test
    void ioctlOnRegularFileFailsWithEnotty() throws IOException {
        Path file = Files.createFile(dir.resolve("plain"));

        try (NativeFd fd = NativeFd.open(file.toString(), LibC.O_RDONLY)) {
            ErrnoException e = assertThrows(ErrnoException.class,
                    () -> fd.ioctl(IOR_O_2_INT, new IntByReference().getPointer(), "OOMGETPROTECTCMD"));
            assertEquals(Errno.ENOTTY.code(), e.errno());
        }
    }

    @Test
    void pollReportsRegularFileReadable() throws IOException {
        Path file = Files.writeString(dir.resolve("data"), "x");

        try (NativeFd fd = NativeFd.open(file.toString(), LibC.O_RDONLY)) {
            LibC.PollFd[] fds = (LibC.PollFd[]) new LibC.PollFd().toArray(1);
            fds[0].fd = fd.fd();
            fds[0].events = LibC.POLLIN;

            assertEquals(1, LibC.INSTANCE.poll(fds, fds.length, 0));
            assertTrue((fds[0].revents & LibC.POLLIN) != 0);
        }
    }

    @Test
    void pidfdOpensOwnProcess() {
        int pidfd = (int) LibC.INSTANCE.syscall(Syscalls.current().pidfdOpen(), (int) ProcessHandle.current().pid(), 0);

        assertTrue(pidfd >= 0);
        LibC.INSTANCE.close(pidfd);
    }

    @Test
    void mlockallRejectsUnknownFlags() {
        LastErrorException e = assertThrows(LastErrorException.class, () -> LibC.INSTANCE.mlockall(0x100));

        assertEquals(Errno.EINVAL.code(), e.getErrorCode());
    }

    @Test
    void munlockallSucceeds() {
        assertEquals(0, LibC.INSTANCE.munlockall());
    }

    @Test
    void eventfdRejectsUnknownFlags() {
        LastErrorException e = assertThrows(LastErrorException.class, () -> LibC.INSTANCE.eventfd(0, 0x2));

        assertEquals(Errno.EINVAL.code(), e.getErrorCode());
    }

    @Test
    void sysconfReadsClockTicks() {
        assertEquals(100, LibC.INSTANCE.sysconf(LibC.SC_CLK_TCK));
    }

    @Test
    void pidfdOfMissingProcessFailsWithEsrch() {
        LastErrorException e = assertThrows(LastErrorException.class,
                () -> LibC.INSTANCE.syscall(Syscalls.current().pidfdOpen(), NO_SUCH_PID, 0));

        assertEquals(Errno.ESRCH.code(), e.getErrorCode());
    }
}
