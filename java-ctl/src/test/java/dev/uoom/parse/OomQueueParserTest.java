package dev.uoom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.uoom.Fixtures;
import dev.uoom.model.QueueEntry;

class OomQueueParserTest {

    @Test
    void parsesQueueInOrder() {
        assertEquals(List.of(15920, 15918), OomQueueParser.parse(Fixtures.snapshotFile("oom")));
        assertEquals(List.of(3, 1, 2), OomQueueParser.parse("3 1 2\n"));
    }

    @Test
    void emptyQueueIsANewline() {
        assertEquals(List.of(), OomQueueParser.parse("\n"));
        assertEquals(List.of(), OomQueueParser.parse(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 x\n", "0\n", "-4\n", "12:\n", "12:x\n", ":5\n", "1 2 1\n", "1 2:7 1:8\n",
        "99999999999\n"})
    void rejectsMalformed(String text) {
        ProcFormatException e = assertThrows(ProcFormatException.class, () -> OomQueueParser.parse(text));

        assertEquals("oom", e.file());
    }

    @Test
    void readsBackWhatWasWritten() {
        List<QueueEntry> entries = List.of(new QueueEntry(15918, 747006), new QueueEntry(1, 30));

        assertEquals(List.of(15918, 1), OomQueueParser.parse(OomQueueParser.format(entries)));
    }

    @Test
    void formatsPidStartTokens() {
        assertEquals("15918:747006 15920:747007\n",
                OomQueueParser.format(List.of(new QueueEntry(15918, 747006), new QueueEntry(15920, 747007))));
    }

    @Test
    void formatsEmptyQueueAsNewline() {
        assertEquals("\n", OomQueueParser.format(List.of()));
    }

    @Test
    void refusesToFormatRepeatedPid() {
        assertThrows(IllegalArgumentException.class,
                () -> OomQueueParser.format(List.of(new QueueEntry(7, 1), new QueueEntry(7, 2))));
    }
}
