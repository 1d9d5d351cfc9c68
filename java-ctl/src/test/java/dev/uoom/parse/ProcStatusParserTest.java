package dev.uoom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.uoom.Fixtures;
import dev.uoom.model.ProcMemory;
import dev.uoom.model.ProcStatus;

class ProcStatusParserTest {

    @Test
    void parsesRealPid1() {
        ProcStatus status = ProcStatusParser.parse(Fixtures.snapshotFile("1/status"));

        assertEquals("init", status.name());
        assertEquals(0, status.uid());
        assertEquals(0, status.euid());
        assertEquals(0, status.gid());
        assertEquals(0, status.egid());
        assertEquals(0x000001ffffffffffL, status.capEff());
        assertEquals(Optional.of(new ProcMemory(41368, 5456, 8, 8920, 0, 124)), status.memory());
        assertEquals(14384, status.memory().orElseThrow().rssKb());
    }

    @Test
    void parsesRealCapabilities() {
        ProcStatus status = ProcStatusParser.parse(Fixtures.snapshotFile("15920/status"));

        assertTrue(status.hasCapability(ProcStatus.CAP_SYS_ADMIN));
        assertTrue(status.hasCapability(ProcStatus.CAP_SYS_RAWIO));
        assertFalse(status.hasCapability(ProcStatus.CAP_SYS_RESOURCE));
        assertEquals(new ProcMemory(323768, 314068, 6716, 0, 0, 664), status.memory().orElseThrow());
    }

    @Test
    void parsesRealSelfStatus() {
        ProcStatus status = ProcStatusParser.parse(Fixtures.procFile("self-status"));

        assertEquals("cat", status.name());
        assertTrue(status.memory().isPresent());
    }

    @Test
    void parsesUnprivilegedUser() {
        ProcStatus status = ProcStatusParser.parse(Fixtures.snapshotFile("15922/status"));

        assertEquals(1000, status.uid());
        assertEquals(1000, status.euid());
        assertEquals(1000, status.gid());
        assertEquals(0, status.capEff());
    }

    @Test
    void parsesUidAbove2To31() {
        // Captured with setpriv --reuid=3000000000 --regid=3000000001 cat /proc/self/status.
        ProcStatus status = ProcStatusParser.parse(Fixtures.procFile("status-uid-3000000000"));

        assertEquals(3000000000L, status.uid());
        assertEquals(3000000000L, status.euid());
        assertEquals(3000000001L, status.gid());
        assertEquals(3000000001L, status.egid());
        assertEquals(4294967294L, ProcStatusParser.parse(
                "Name:\tx\nUid:\t4294967294\t0\t0\t0\nGid:\t0\t0\t0\t0\nCapEff:\t0\n").uid());
    }

    @Test
    void rejectsIdOutsideUidT() {
        for (String uid : List.of("4294967296", "-1", "1e3")) {
            ProcFormatException e = assertThrows(ProcFormatException.class, () -> ProcStatusParser.parse(
                    "Name:\tx\nUid:\t" + uid + "\t0\t0\t0\nGid:\t0\t0\t0\t0\nCapEff:\t0\n"), uid);

            assertEquals(OptionalInt.of(2), e.line());
        }
    }

    @Test
    void kernelThreadHasNoMemory() {
        ProcStatus status = ProcStatusParser.parse(Fixtures.snapshotFile("2/status"));

        assertEquals("kthreadd", status.name());
        assertEquals(Optional.empty(), status.memory());
    }

    @Test
    void zombieHasNoMemory() {
        assertEquals(Optional.empty(), ProcStatusParser.parse(Fixtures.snapshotFile("4343/status")).memory());
    }

    @Test
    void distinguishesRealAndEffectiveIds() {
        ProcStatus status = ProcStatusParser.parse("Name:\tsu\nUid:\t1000\t0\t0\t0\nGid:\t100\t5\t5\t5\n"
                + "CapEff:\t0000000000020000\n");

        assertEquals(1000, status.uid());
        assertEquals(0, status.euid());
        assertEquals(100, status.gid());
        assertEquals(5, status.egid());
        assertTrue(status.hasCapability(ProcStatus.CAP_SYS_RAWIO));
        assertFalse(status.hasCapability(ProcStatus.CAP_SYS_ADMIN));
    }

    @Test
    void rejectsPartialMemory() {
        String text = Fixtures.snapshotFile("1/status").replaceAll("(?m)^VmPTE:.*\\n", "");

        ProcFormatException e = assertThrows(ProcFormatException.class, () -> ProcStatusParser.parse(text));

        assertEquals("has VmSize but no VmPTE", e.problem());
    }

    @Test
    void rejectsMemoryWithoutUnit() {
        String text = Fixtures.snapshotFile("1/status").replace("VmSwap:\t       0 kB", "VmSwap:\t0");

        ProcFormatException e = assertThrows(ProcFormatException.class, () -> ProcStatusParser.parse(text));

        assertEquals("VmSwap is not \"<number> kB\": \"0\"", e.problem());
        assertTrue(e.line().isPresent());
    }

    @Test
    void rejectsMissingUid() {
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> ProcStatusParser.parse("Name:\tx\nGid:\t0\t0\t0\t0\nCapEff:\t0\n"));

        assertEquals("missing required key \"Uid\"", e.problem());
    }

    @Test
    void rejectsShortUidLine() {
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> ProcStatusParser.parse("Name:\tx\nUid:\t0\t0\nGid:\t0\t0\t0\t0\nCapEff:\t0\n"));

        assertEquals(OptionalInt.of(2), e.line());
    }

    @Test
    void rejectsBadCapabilities() {
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> ProcStatusParser.parse("Name:\tx\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nCapEff:\tall\n"));

        assertEquals("CapEff is not hexadecimal: \"all\"", e.problem());
    }

    @Test
    void rejectsLineWithoutColon() {
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> ProcStatusParser.parse("Name:\tx\ngarbage\n"));

        assertEquals(OptionalInt.of(2), e.line());
    }
}
