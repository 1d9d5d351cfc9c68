package dev.uoom.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class PidFdTest {

    @Test
    void closeTwiceClosesOnce() throws Exception {
        int self = Math.toIntExact(ProcessHandle.current().pid());
        PidFd pidfd = PidFd.open(self);
        Path fdLink = Path.of("/proc/self/fd/" + pidfd.fd());
        assertTrue(Files.exists(fdLink));

        pidfd.close();
        assertFalse(Files.exists(fdLink));
        // A descriptor with the same number, opened meanwhile, must survive the second close.
        try (EventFd other = EventFd.create()) {
            pidfd.close();

            if (other.fd() == pidfd.fd()) {
                other.signal();
                assertTrue(other.consume());
            }
            assertEquals(self, pidfd.pid());
        }
    }

    @Test
    void signalsThroughThePidfdAndReleasesTheMemoryOfTheKilled() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        try (PidFd pidfd = PidFd.open(Math.toIntExact(child.pid()))) {
            pidfd.sendSignal(0);
            assertTrue(child.isAlive());

            pidfd.sendSignal(Signals.SIGKILL);
            // true on 5.15+, false without process_mrelease or once the child is reaped; never an exception.
            pidfd.releaseMemory();

            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            assertEquals(128 + Signals.SIGKILL, child.exitValue());
            ErrnoException gone = assertThrows(ErrnoException.class, () -> pidfd.sendSignal(0));
            assertEquals(Errno.ESRCH.code(), gone.errno());
            assertFalse(pidfd.releaseMemory());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void releaseOfALiveProcessIsRefused() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        try (PidFd pidfd = PidFd.open(Math.toIntExact(child.pid()))) {
            // process_mrelease frees only a process that is being killed: EINVAL (or ENOSYS before 5.15).
            ErrnoException e = assertThrows(ErrnoException.class, pidfd::releaseMemory);
            assertEquals(Errno.EINVAL.code(), e.errno());
            assertTrue(child.isAlive());
        } finally {
            child.destroyForcibly();
        }
    }
}
