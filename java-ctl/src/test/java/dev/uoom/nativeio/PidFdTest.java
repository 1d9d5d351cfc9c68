package dev.uoom.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
