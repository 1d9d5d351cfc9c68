package dev.uoom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.uoom.Fixtures;
import dev.uoom.model.ProcStat;

class ProcStatParserTest {

    @Test
    void parsesRealSelfStat() {
        ProcStat stat = ProcStatParser.parse(Fixtures.procFile("self-stat"));

        assertEquals(new ProcStat(17628, "cp", 'R', 17625, 4194304, 0, 0, 0, 751070, 4136960, 531), stat);
        assertFalse(stat.isKernelThread());
    }

    @Test
    void parsesRealProcessWithCpuTimeAndNice() {
        ProcStat python = ProcStatParser.parse(Fixtures.snapshotFile("15920/stat"));
        ProcStat niced = ProcStatParser.parse(Fixtures.snapshotFile("15917/stat"));

        assertEquals(6, python.utime());
        assertEquals(33, python.stime());
        assertEquals(747007, python.startTime());
        assertEquals(331538432, python.vsize());
        assertEquals(80172, python.rss());
        assertEquals(10, niced.nice());
    }

    @Test
    void commRunsToTheLastParenthesis() {
        ProcStat stat = ProcStatParser.parse(Fixtures.procFile("stat-odd-comm"));

        assertEquals(4321, stat.pid());
        assertEquals("x) S 9 (y\n", stat.comm());
        assertEquals('R', stat.state());
        assertEquals(77, stat.ppid());
        assertEquals(250, stat.utime());
        assertEquals(150, stat.stime());
        assertEquals(5, stat.nice());
        assertEquals(123456, stat.startTime());
    }

    @Test
    void parsesRealCommWithSpacesAndParentheses() {
        ProcStat stat = ProcStatParser.parse(Fixtures.snapshotFile("15919/stat"));

        assertEquals("a) b (c", stat.comm());
        assertEquals(1, stat.ppid());
        assertEquals(747007, stat.startTime());
    }

    @Test
    void recognisesKernelThreads() {
        ProcStat kthreadd = ProcStatParser.parse(Fixtures.snapshotFile("2/stat"));
        ProcStat kworker = ProcStatParser.parse(Fixtures.snapshotFile("10/stat"));

        assertTrue(kthreadd.isKernelThread());
        assertTrue(kworker.isKernelThread());
        assertEquals("kworker/0:0H-kblockd", kworker.comm());
        assertEquals(2, kworker.ppid());
        assertEquals(-20, kworker.nice());
        assertEquals(0, kworker.vsize());
    }

    @Test
    void parsesZombie() {
        ProcStat zombie = ProcStatParser.parse(Fixtures.snapshotFile("4343/stat"));

        assertEquals('Z', zombie.state());
        assertEquals(15916, zombie.ppid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1 cat R 0", "(cat) R 1", "1 (cat) R 0 1 1 0 -1 0", "x (cat) R 0"})
    void rejectsMalformed(String text) {
        assertThrows(ProcFormatException.class, () -> ProcStatParser.parse(text));
    }

    @Test
    void namesTheBadField() {
        String text = Fixtures.procFile("self-stat").replace(" 751070 ", " soon ");

        ProcFormatException e = assertThrows(ProcFormatException.class, () -> ProcStatParser.parse(text));

        assertEquals("stat: starttime is not an integer: \"soon\"", e.getMessage());
    }
}
