package dev.uoom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.uoom.Fixtures;
import dev.uoom.model.ProtectedProcess;
import dev.uoom.model.ProtectedProcess.Source;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ProtectionStatusParserTest {

    @Test
    void guestOutputWithEverySource() {
        List<ProtectedProcess> rows = ProtectionStatusParser.parse(Fixtures.procFile("oom_kill_protection-status"));

        assertEquals(List.of(
                new ProtectedProcess(55, "sh", OptionalInt.empty(), Source.OTHER),
                new ProtectedProcess(56, "memhog", OptionalInt.of(300), Source.UOOM),
                new ProtectedProcess(68, "sh", OptionalInt.of(200), Source.UOOM),
                new ProtectedProcess(69, "sleep", OptionalInt.of(200), Source.INHERITED),
                new ProtectedProcess(71, "Web Content", OptionalInt.of(-100), Source.HOLD)), rows);
    }

    @Test
    void emptyList() {
        assertEquals(List.of(), ProtectionStatusParser.parse(Fixtures.procFile("oom_kill_protection-status-empty")));
    }

    @Test
    void missingHeaderIsMalformed() {
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> ProtectionStatusParser.parse("55 sh - other\n"));
        assertEquals(OptionalInt.of(1), e.line());
    }

    @Test
    void unknownSourceIsMalformed() {
        String text = Fixtures.procFile("oom_kill_protection-status-empty") + "55         sh               -          martian\n";
        ProcFormatException e = assertThrows(ProcFormatException.class, () -> ProtectionStatusParser.parse(text));
        assertEquals(OptionalInt.of(4), e.line());
    }
}
