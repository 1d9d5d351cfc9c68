package dev.uoom.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import dev.uoom.nativeio.Errno;

/** The wording of each errno a {@code /proc/oom} write can fail with; a regular file cannot produce them. */
class QueueErrorsTest {
    private static final Path FILE = Path.of("/proc/oom");

    private static String message(Errno errno, OptionalInt missing, OptionalLong queueMax) {
        return QueueErrors.message(FILE, errno.code(), 300, missing, queueMax);
    }

    private static String message(Errno errno) {
        return message(errno, OptionalInt.empty(), OptionalLong.empty());
    }

    @Test
    void esrchNamesTheMissingPid() {
        assertEquals("pid 123 does not exist (or was recycled); the queue was not changed",
                message(Errno.ESRCH, OptionalInt.of(123), OptionalLong.empty()));
    }

    @Test
    void esrchWithoutCulprit() {
        assertEquals("a process of the new queue exited or was recycled before the write (ESRCH); the queue was not "
                + "changed", message(Errno.ESRCH));
    }

    @Test
    void einval() {
        assertEquals("/proc/oom rejected the queue (EINVAL): a pid above the kernel's limit, a repeated pid or a "
                + "malformed token; the queue was not changed", message(Errno.EINVAL));
    }

    @Test
    void e2bigNamesTheLimit() {
        assertEquals("too many pids: 300 given, the module takes at most 256 (module parameter max_queue); the "
                + "queue was not changed", message(Errno.E2BIG, OptionalInt.empty(), OptionalLong.of(256)));
        assertEquals("too many pids: 300 given, the module takes at most max_queue (module parameter max_queue); "
                + "the queue was not changed", message(Errno.E2BIG));
    }

    @Test
    void permissionErrors() {
        assertEquals("writing /proc/oom needs CAP_SYS_RESOURCE, in the initial pid namespace (EPERM)", message(Errno.EPERM));
        assertEquals("permission denied: only root may write /proc/oom (EACCES)", message(Errno.EACCES));
    }

    @Test
    void memoryErrors() {
        assertEquals("the kernel could not read the queue from memory (EFAULT); the queue was not changed",
                message(Errno.EFAULT));
        assertEquals("the kernel is out of memory for the queue (ENOMEM); the queue was not changed",
                message(Errno.ENOMEM));
    }

    @Test
    void otherErrnoIsDescribed() {
        assertEquals("cannot write /proc/oom: EBUSY (Device or resource busy)", message(Errno.EBUSY));
        assertEquals("cannot write /proc/oom: errno 5", QueueErrors.message(FILE, 5, 1, OptionalInt.empty(),
                OptionalLong.empty()));
    }
}
