package dev.uoom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SnapshotModelTest {
    private static final MemInfo MEM = new MemInfo(Map.of("MemTotal", 8192L, "SwapTotal", 4096L, "MemAvailable", 1L));
    private static final Uptime UPTIME = new Uptime(Duration.ofSeconds(100), Duration.ZERO);

    private static ProcessSnapshot process(int pid, int ppid, long flags, List<String> cmdline, boolean memory) {
        ProcStat stat = new ProcStat(pid, "p" + pid, 'S', ppid, flags, 0, 0, 0, 5, 0, 0);
        ProcStatus status = new ProcStatus("p" + pid, 0, 0, 0, 0, 0,
                memory ? Optional.of(new ProcMemory(4, 4, 0, 0, 0, 0)) : Optional.empty());
        return new ProcessSnapshot(stat, status, cmdline, List.of(), 0, 0);
    }

    @Test
    void totalPagesIsRamPlusSwapInPages() {
        SystemSnapshot system = new SystemSnapshot(MEM, UPTIME, 100, 4096, List.of());
        SystemSnapshot bigPages = new SystemSnapshot(MEM, UPTIME, 100, 65536, List.of());

        assertEquals(3072, system.totalPages());
        assertEquals(4, system.pageSizeKb());
        assertEquals(192, bigPages.totalPages());
    }

    @Test
    void indexesProcessesAndChildren() {
        SystemSnapshot system = new SystemSnapshot(MEM, UPTIME, 100, 4096, List.of(
                process(1, 0, 0, List.of("init"), true), process(7, 1, 0, List.of("a"), true),
                process(8, 1, 0, List.of("b"), true), process(9, 7, 0, List.of("c"), true)));

        assertEquals(List.of(7, 8), system.children(1).stream().map(ProcessSnapshot::pid).toList());
        assertEquals(List.of(9), system.children(7).stream().map(ProcessSnapshot::pid).toList());
        assertEquals(List.of(), system.children(9));
        assertEquals("p8", system.process(8).orElseThrow().name());
        assertEquals(Optional.empty(), system.process(2));
    }

    @Test
    void rejectsRepeatedPidsAndBadUnits() {
        ProcessSnapshot p = process(7, 1, 0, List.of("a"), true);

        assertThrows(IllegalArgumentException.class, () -> new SystemSnapshot(MEM, UPTIME, 100, 4096, List.of(p, p)));
        assertThrows(IllegalArgumentException.class, () -> new SystemSnapshot(MEM, UPTIME, 0, 4096, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SystemSnapshot(MEM, UPTIME, 100, 1000, List.of()));
    }

    @Test
    void recognisesKernelThreads() {
        assertTrue(process(2, 0, 0, List.of(), false).isKernelThread());
        assertTrue(process(40, 2, 0, List.of(), false).isKernelThread());
        assertTrue(process(40, 1, ProcStat.PF_KTHREAD, List.of(), false).isKernelThread());
        assertFalse(process(40, 2, 0, List.of("x"), true).isKernelThread());
        assertFalse(process(40, 1, 0, List.of(), false).isKernelThread());
    }

    @Test
    void joinsCommandLineAndMakesQueueEntry() {
        ProcessSnapshot p = process(40, 1, 0, List.of("java", "-jar", "a b.jar"), true);

        assertEquals("java -jar a b.jar", p.commandLine());
        assertEquals(new QueueEntry(40, 5), p.queueEntry());
        assertEquals("40:5", p.queueEntry().token());
    }

    @Test
    void queueEntryNeedsPositivePid() {
        assertThrows(IllegalArgumentException.class, () -> new QueueEntry(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new QueueEntry(1, -1));
    }

    @Test
    void memInfoNeedsTotals() {
        assertThrows(IllegalArgumentException.class, () -> new MemInfo(Map.of("MemTotal", 1L)));
    }

    @Test
    void capabilitiesByNumber() {
        ProcStatus status = new ProcStatus("x", 0, 0, 0, 0, 1L << 63, Optional.empty());

        assertTrue(status.hasCapability(63));
        assertFalse(status.hasCapability(0));
        assertThrows(IllegalArgumentException.class, () -> status.hasCapability(64));
    }
}
