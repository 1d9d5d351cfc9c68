package dev.uoom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.uoom.Fixtures;
import dev.uoom.model.CgroupEntry;

class CgroupParserTest {

    @Test
    void parsesRealHybridHierarchy() {
        List<CgroupEntry> entries = CgroupParser.parse(Fixtures.snapshotFile("15916/cgroup"));

        assertEquals(10, entries.size());
        assertEquals(new CgroupEntry(9, List.of("name=systemd"), "/"), entries.get(0));
        assertEquals(new CgroupEntry(4, List.of("memory"), "/sandbox"), entries.get(5));
        CgroupEntry unified = entries.get(9);
        assertTrue(unified.isUnified());
        assertEquals(List.of(), unified.controllers());
        assertEquals("/", unified.path());
    }

    @Test
    void parsesUnifiedHierarchy() {
        assertEquals(List.of(new CgroupEntry(0, List.of(), "/system.slice/uoom-daemon.service")),
                CgroupParser.parse(Fixtures.procFile("cgroup-v2")));
    }

    @Test
    void keepsColonsInPaths() {
        List<CgroupEntry> entries = CgroupParser.parse(Fixtures.procFile("cgroup-colon"));

        assertEquals("/docker/a:b", entries.get(0).path());
        assertEquals("/odd path/with:colons", entries.get(1).path());
    }

    @Test
    void splitsControllerLists() {
        assertEquals(List.of("cpu", "cpuacct"), CgroupParser.parse("3:cpu,cpuacct:/\n").get(0).controllers());
    }

    @Test
    void rejectsMalformedLine() {
        ProcFormatException e = assertThrows(ProcFormatException.class, () -> CgroupParser.parse("0::/\nmemory:/\n"));

        assertEquals(OptionalInt.of(2), e.line());
        assertThrows(ProcFormatException.class, () -> CgroupParser.parse("x::/\n"));
    }
}
