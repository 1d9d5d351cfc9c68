package dev.uoom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.uoom.Fixtures;

class OomScoreParserTest {

    @Test
    void parsesRealFiles() {
        assertEquals(675, OomScoreParser.parseScore(Fixtures.snapshotFile("15920/oom_score")));
        assertEquals(500, OomScoreParser.parseScoreAdj(Fixtures.snapshotFile("15918/oom_score_adj")));
        assertEquals(-1000, OomScoreParser.parseScoreAdj(Fixtures.snapshotFile("4242/oom_score_adj")));
        assertEquals(0, OomScoreParser.parseScore(Fixtures.snapshotFile("1/oom_score")));
    }

    @Test
    void acceptsBounds() {
        assertEquals(1333, OomScoreParser.parseScore("1333\n"));
        // Seen in a guest: a 16 MiB process at oom_score_adj 1000.
        assertEquals(1352, OomScoreParser.parseScore("1352\n"));
        assertEquals(2000, OomScoreParser.parseScore("2000\n"));
        assertEquals(1000, OomScoreParser.parseScoreAdj("1000\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x\n", "2001\n", "-1\n", "1.5\n"})
    void rejectsBadScore(String text) {
        assertThrows(ProcFormatException.class, () -> OomScoreParser.parseScore(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1001\n", "1001\n", "high\n"})
    void rejectsBadAdj(String text) {
        ProcFormatException e = assertThrows(ProcFormatException.class, () -> OomScoreParser.parseScoreAdj(text));

        assertEquals("oom_score_adj", e.file());
    }
}
