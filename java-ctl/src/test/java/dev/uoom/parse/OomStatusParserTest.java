package dev.uoom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.uoom.Fixtures;
import dev.uoom.model.Mode;
import dev.uoom.model.ModuleStatus;
import dev.uoom.model.Victim;

class OomStatusParserTest {

    @Test
    void parsesHookedModule() {
        ModuleStatus status = OomStatusParser.parse(Fixtures.oomStatus("hooked"));

        assertEquals("0.1.0", status.version());
        assertEquals(Mode.HOOKED, status.mode());
        assertEquals(Map.of("version", "0.1.0", "mode", "hooked"), status.fields());
    }

    @Test
    void parsesAdvisoryModule() {
        ModuleStatus status = OomStatusParser.parse(Fixtures.oomStatus("advisory"));

        assertEquals("0.1.0", status.version());
        assertEquals(Mode.ADVISORY, status.mode());
    }

    @Test
    void keepsKeysOfNewerModulesInOrder() {
        ModuleStatus status = OomStatusParser.parse(Fixtures.oomStatus("extra-keys"));

        assertEquals(List.of("version", "mode", "queue_length", "kills", "fallbacks", "last_victim"),
                List.copyOf(status.fields().keySet()));
        assertEquals(3, status.longField("queue_length").getAsLong());
        assertEquals("123 (stress-ng: vm)", status.field("last_victim").orElseThrow());
    }

    @Test
    void readsQueueCountersOfHookedModule() {
        ModuleStatus status = OomStatusParser.parse(Fixtures.oomStatus("snapshot"));

        assertEquals(OptionalLong.of(2), status.queueLength());
        assertEquals(OptionalLong.of(256), status.queueMax());
        assertEquals(OptionalLong.of(3), status.kills());
        assertEquals(OptionalLong.of(1), status.fallbacks());
        assertEquals(OptionalLong.of(4), status.oomVictims());
        assertEquals(Optional.of(new Victim(4711, "stress-ng-vm")), status.lastVictim());
        assertEquals(OptionalInt.empty(), status.advisoryHead());
    }

    @Test
    void readsAdvisoryHead() {
        ModuleStatus busy = OomStatusParser.parse(Fixtures.oomStatus("advisory-busy"));
        ModuleStatus idle = OomStatusParser.parse(Fixtures.oomStatus("advisory-idle"));

        assertEquals(OptionalInt.of(15920), busy.advisoryHead());
        assertEquals(Optional.of(new Victim(123, "stress-ng: vm")), busy.lastVictim());
        assertEquals(OptionalInt.empty(), idle.advisoryHead());
        assertEquals(Optional.empty(), idle.lastVictim());
        assertEquals(OptionalLong.of(64), idle.queueMax());
        assertEquals(OptionalLong.of(2), idle.fallbacks());
    }

    @Test
    void olderModuleHasNoQueueCounters() {
        ModuleStatus status = OomStatusParser.parse(Fixtures.oomStatus("hooked"));

        assertEquals(OptionalLong.empty(), status.queueLength());
        assertEquals(OptionalLong.empty(), status.queueMax());
        assertEquals(Optional.empty(), status.lastVictim());
    }

    @Test
    void keepsUnknownModeRaw() {
        ModuleStatus status = OomStatusParser.parse(Fixtures.oomStatus("unknown-mode"));

        assertEquals(Mode.UNKNOWN, status.mode());
        assertEquals("bpf", status.fields().get("mode"));
    }

    @Test
    void trimsValues() {
        ModuleStatus status = OomStatusParser.parse("version:0.1.0  \nmode:\thooked\nlast_victim:\n");

        assertEquals("0.1.0", status.version());
        assertEquals(Mode.HOOKED, status.mode());
        assertEquals("", status.field("last_victim").orElseThrow());
    }

    @Test
    void acceptsMissingFinalNewline() {
        assertEquals(Mode.ADVISORY, OomStatusParser.parse("version: 0.1.0\nmode: advisory").mode());
    }

    @Test
    void rejectsMalformedFixtureNamingTheLine() {
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> OomStatusParser.parse(Fixtures.oomStatus("malformed")));

        assertEquals(OptionalInt.of(2), e.line());
        assertEquals("oom_status", e.file());
        assertEquals("oom_status line 2: expected \"key: value\" with key [a-z_]+, got \"mode hooked\"",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " kills: 1", "Kills: 1", "queue-length: 3", "kills 1", ": 1", "kills1"})
    void rejectsMalformedLine(String line) {
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> OomStatusParser.parse("version: 0.1.0\nmode: hooked\n" + line + "\n"));

        assertEquals(OptionalInt.of(3), e.line());
    }

    @Test
    void rejectsDuplicateKey() {
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> OomStatusParser.parse("version: 0.1.0\nmode: hooked\nmode: advisory\n"));

        assertEquals(OptionalInt.of(3), e.line());
        assertEquals("duplicate key \"mode\"", e.problem());
    }

    @Test
    void rejectsMissingRequiredKey() {
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> OomStatusParser.parse("mode: hooked\n"));

        assertEquals(OptionalInt.empty(), e.line());
        assertEquals("oom_status: missing required key \"version\"", e.getMessage());
    }

    @Test
    void rejectsEmptyFile() {
        ProcFormatException e = assertThrows(ProcFormatException.class, () -> OomStatusParser.parse(""));

        assertTrue(e.problem().startsWith("missing required key"));
    }
}
