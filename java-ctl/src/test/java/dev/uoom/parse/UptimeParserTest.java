package dev.uoom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.uoom.Fixtures;
import dev.uoom.model.Uptime;

class UptimeParserTest {

    @Test
    void parsesSnapshotUptimeExactly() {
        Uptime uptime = UptimeParser.parse(Fixtures.snapshotFile("uptime"));

        assertEquals(Duration.ofMillis(7_481_410), uptime.uptime());
        assertEquals(Duration.ofMillis(11_876_990), uptime.idle());
        assertEquals(7481, uptime.seconds());
    }

    @Test
    void parsesRealUptime() {
        assertTrue(UptimeParser.parse(Fixtures.procFile("uptime")).seconds() > 0);
    }

    @Test
    void acceptsWholeSeconds() {
        assertEquals(Duration.ofSeconds(12), UptimeParser.parse("12 30\n").uptime());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12.5\n", "12.5 x\n", "-1.00 2.00\n", "1.00  2.00\n"})
    void rejectsMalformed(String text) {
        assertThrows(ProcFormatException.class, () -> UptimeParser.parse(text));
    }
}
