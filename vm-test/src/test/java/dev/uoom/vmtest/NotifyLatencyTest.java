package dev.uoom.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** How {@link NotifyVmTest} reads a peer's wake-ups in the latency test. */
class NotifyLatencyTest {

    @Test
    void aWakeUpBeforeTheEpisodesFirstRecordDoesNotCount() {
        String log = "psi trigger \"some 50000 500000\"\npsi recv=1000000\npsi recv=7000000\npsi recv=9000000\n";
        assertEquals(2.0, NotifyVmTest.wakeMs(log, "psi recv=", 5_000_000));
    }

    @Test
    void onlyEarlierWakeUpsMeanThePeerDidNotFire() {
        assertNull(NotifyVmTest.wakeMs("sample recv=1000000\n", "sample recv=", 5_000_000));
        assertNull(NotifyVmTest.wakeMs("sample: nothing in 30 s\n", "sample recv=", 5_000_000));
    }
}
