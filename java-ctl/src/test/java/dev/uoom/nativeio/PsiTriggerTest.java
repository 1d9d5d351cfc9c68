package dev.uoom.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PSI triggers on the host kernel; skipped where it has no {@code /proc/pressure/memory}. */
class PsiTriggerTest {
    private static final Path MEMORY = Path.of("/proc/pressure/memory");
    /** A 2 s window: allowed without CAP_SYS_RESOURCE. */
    private static final String UNPRIVILEGED = "some 300000 2000000";

    @TempDir
    Path dir;

    @Test
    void registersAndPollsWithoutEvent() throws ErrnoException {
        assumeTrue(Files.isReadable(MEMORY), "no PSI");

        try (PsiTrigger trigger = PsiTrigger.register(MEMORY, UNPRIVILEGED)) {
            assertEquals(UNPRIVILEGED, trigger.spec());
            short[] revents = Poll.poll(new int[] {trigger.fd()}, new short[] {LibC.POLLPRI}, 10);
            assertEquals(0, revents[0] & (LibC.POLLERR | LibC.POLLNVAL));
        }
    }

    @Test
    void refusesMalformedTriggerWithEinval() {
        assumeTrue(Files.isReadable(MEMORY), "no PSI");

        ErrnoException e = assertThrows(ErrnoException.class, () -> PsiTrigger.register(MEMORY, "some"));

        assertEquals(Errno.EINVAL.code(), e.errno());
        assertEquals("write", e.operation());
    }

    @Test
    void missingPressureFileIsEnoent() {
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> PsiTrigger.register(dir.resolve("memory"), UNPRIVILEGED));

        assertEquals(Errno.ENOENT.code(), e.errno());
    }
}
