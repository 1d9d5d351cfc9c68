package dev.uoom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.uoom.Fixtures;
import dev.uoom.model.MemoryEvents;

class MemoryEventsParserTest {

    @Test
    void parsesEveryCounter() {
        MemoryEvents e = MemoryEventsParser.parse(Fixtures.cgroupFile("v2-box/memory.events"));

        assertEquals(new MemoryEvents(0, 1342, 57, 3, 2, 0), e);
    }

    @Test
    void oomGroupKillIsZeroOnKernelsWithoutIt() {
        MemoryEvents e = MemoryEventsParser.parse(Fixtures.cgroupFile("memory.events-5.10"));

        assertEquals(MemoryEvents.ZERO, e);
    }

    @Test
    void ignoresKeysOfLaterKernels() {
        MemoryEvents e = MemoryEventsParser.parse("low 1\nhigh 2\nmax 3\noom 4\noom_kill 5\noom_group_kill 6\nsock_throttled 9\n");

        assertEquals(new MemoryEvents(1, 2, 3, 4, 5, 6), e);
    }

    @Test
    void deltaShowsWhatGrew() {
        MemoryEvents before = new MemoryEvents(0, 10, 5, 1, 1, 0);
        MemoryEvents after = new MemoryEvents(0, 10, 9, 2, 2, 0);

        MemoryEvents delta = after.minus(before);

        assertEquals(new MemoryEvents(0, 0, 4, 1, 1, 0), delta);
        assertTrue(delta.limitReached());
        assertFalse(after.minus(after).limitReached());
        assertTrue(after.minus(after).isZero());
        assertEquals(4L, delta.byName().get("max"));
        assertEquals(1L, delta.byName().get("oom_kill"));
    }

    @Test
    void lowAloneIsNoLimit() {
        assertFalse(new MemoryEvents(3, 0, 0, 0, 0, 0).limitReached());
    }

    @Test
    void rejectsMissingKey() {
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> MemoryEventsParser.parse("low 0\nhigh 0\nmax 0\noom 0\n"));

        assertEquals("missing required key \"oom_kill\"", e.problem());
    }

    @Test
    void rejectsMalformedLineAndNamesIt() {
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> MemoryEventsParser.parse("low 0\nhigh -1\n"));

        assertEquals("memory.events line 2: expected \"key value\", got \"high -1\"", e.getMessage());
    }

    @Test
    void rejectsDuplicateKey() {
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> MemoryEventsParser.parse("low 0\nlow 0\n"));

        assertEquals("duplicate key \"low\"", e.problem());
    }
}
