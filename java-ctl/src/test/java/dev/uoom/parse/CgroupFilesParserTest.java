package dev.uoom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import dev.uoom.Fixtures;
import dev.uoom.model.CgroupEvents;
import dev.uoom.model.MemoryEvents;
import dev.uoom.model.OomControl;

/** The small cgroup files: cgroup.events, cgroup.procs, memory.max / memory.high, v1 memory.oom_control. */
class CgroupFilesParserTest {

    @Test
    void cgroupEventsReadsPopulatedAndFrozen() {
        assertEquals(new CgroupEvents(true, true), CgroupEventsParser.parse(Fixtures.cgroupFile("v2-box/cgroup.events")));
        assertEquals(new CgroupEvents(false, false), CgroupEventsParser.parse("populated 0\n"));
    }

    @Test
    void filesCapturedFromA612GuestAfterAnOomKill() {
        assertEquals(new MemoryEvents(0, 0, 40, 1, 1, 0),
                MemoryEventsParser.parse(Fixtures.cgroupFile("v2-after-oom/memory.events")));
        assertEquals(OptionalLong.of(32L << 20), MemoryLimitParser.parse("memory.max",
                Fixtures.cgroupFile("v2-after-oom/memory.max")));
        assertEquals(new CgroupEvents(false, false),
                CgroupEventsParser.parse(Fixtures.cgroupFile("v2-after-oom/cgroup.events")));
    }

    @Test
    void cgroupEventsRejectsAFlagThatIsNotABit() {
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> CgroupEventsParser.parse("populated 1\nfrozen 2\n"));

        assertEquals("frozen must be 0 or 1, got 2", e.problem());
    }

    @Test
    void procsListsPidsOnce() {
        assertEquals(List.of(412, 415), CgroupProcsParser.parse(Fixtures.cgroupFile("v2-box/cgroup.procs")));
        assertEquals(List.of(7, 3), CgroupProcsParser.parse("7\n3\n7\n"));
        assertEquals(List.of(), CgroupProcsParser.parse(""));
    }

    @Test
    void procsRejectsWhatIsNotAPid() {
        ProcFormatException e = assertThrows(ProcFormatException.class, () -> CgroupProcsParser.parse("1\nx\n"));

        assertEquals("cgroup.procs line 2: expected a pid, got \"x\"", e.getMessage());
        assertThrows(ProcFormatException.class, () -> CgroupProcsParser.parse("0\n"));
    }

    @Test
    void limitIsBytesOrMax() {
        assertEquals(OptionalLong.of(67108864), MemoryLimitParser.parse("memory.max",
                Fixtures.cgroupFile("v2-box/memory.max")));
        assertEquals(OptionalLong.empty(), MemoryLimitParser.parse("memory.high",
                Fixtures.cgroupFile("v2-box/memory.high")));
        assertEquals(OptionalLong.of(9223372036854771712L), MemoryLimitParser.parse("memory.limit_in_bytes",
                Fixtures.cgroupFile("v1-box/memory.limit_in_bytes")));
    }

    @Test
    void limitFormatsBack() {
        assertEquals("max", MemoryLimitParser.format(OptionalLong.empty()));
        assertEquals("4096", MemoryLimitParser.format(OptionalLong.of(4096)));
    }

    @Test
    void limitRejectsOtherWords() {
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> MemoryLimitParser.parse("memory.max", "64M\n"));

        assertEquals("memory.max line 1: expected \"max\" or a number of bytes, got \"64M\"", e.getMessage());
        assertThrows(ProcFormatException.class, () -> MemoryLimitParser.parse("memory.max", "-1\n"));
        assertThrows(ProcFormatException.class, () -> MemoryLimitParser.parse("memory.max", "1\n2\n"));
    }

    @Test
    void oomControlReadsRealV1File() {
        assertEquals(new OomControl(false, false, 0),
                OomControlParser.parse(Fixtures.cgroupFile("v1-box/memory.oom_control")));
    }

    @Test
    void oomControlCapturedFromA612GuestWithTheKillerDisabled() {
        assertEquals(new OomControl(true, false, 0),
                OomControlParser.parse(Fixtures.cgroupFile("v1-box/memory.oom_control.under-oom-disabled")));
    }

    @Test
    void oomControlUnderOomWithKillerDisabled() {
        assertEquals(new OomControl(true, true, 4),
                OomControlParser.parse("oom_kill_disable 1\nunder_oom 1\noom_kill 4\n"));
        assertEquals(new OomControl(true, false, 0), OomControlParser.parse("oom_kill_disable 1\nunder_oom 0\n"));
    }

    @Test
    void oomControlNeedsTheSeedsKeys() {
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> OomControlParser.parse("oom_kill_disable 0\n"));

        assertEquals("missing required key \"under_oom\"", e.problem());
    }
}
