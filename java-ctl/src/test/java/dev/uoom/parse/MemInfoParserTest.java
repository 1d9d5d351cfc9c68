package dev.uoom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import dev.uoom.Fixtures;
import dev.uoom.model.MemInfo;

class MemInfoParserTest {

    @Test
    void parsesSnapshotMeminfo() {
        MemInfo info = MemInfoParser.parse(Fixtures.snapshotFile("meminfo"));

        assertEquals(24682416, info.memTotalKb());
        assertEquals(0, info.swapTotalKb());
        assertEquals(List.of("MemTotal", "MemFree", "MemAvailable"), info.fields().keySet().stream().limit(3).toList());
    }

    @Test
    void parsesEveryLineOfRealMeminfo() {
        String text = Fixtures.procFile("meminfo");
        MemInfo info = MemInfoParser.parse(text);

        assertEquals(text.lines().count(), info.fields().size());
        assertEquals(OptionalLong.of(0), info.field("HugePages_Total"));
        assertEquals(OptionalLong.empty(), info.field("NoSuchField"));
    }

    @Test
    void readsSwap() {
        MemInfo info = MemInfoParser.parse("MemTotal: 1000 kB\nSwapTotal:   2048 kB\nMemAvailable: 10 kB\n");

        assertEquals(2048, info.swapTotalKb());
        assertEquals(10, info.memAvailableKb());
    }

    @Test
    void requiresMemAvailable() {
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> MemInfoParser.parse("MemTotal: 1000 kB\nSwapTotal: 0 kB\n"));

        assertEquals("missing required key \"MemAvailable\"", e.problem());
    }

    @Test
    void rejectsMalformedLine() {
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> MemInfoParser.parse("MemTotal: 1000 kB\nSwapTotal: lots\n"));

        assertEquals(OptionalInt.of(2), e.line());
    }
}
