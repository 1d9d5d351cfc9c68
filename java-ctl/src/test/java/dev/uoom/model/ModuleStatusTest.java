package dev.uoom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class ModuleStatusTest {

    private static Map<String, String> fields(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void copiesFieldsUnmodifiably() {
        Map<String, String> source = fields("version", "0.1.0", "mode", "hooked");
        ModuleStatus status = new ModuleStatus(source);
        source.put("kills", "1");

        assertEquals(2, status.fields().size());
        assertThrows(UnsupportedOperationException.class, () -> status.fields().put("kills", "1"));
    }

    @Test
    void requiresVersionAndMode() {
        assertThrows(IllegalArgumentException.class, () -> new ModuleStatus(fields("version", "0.1.0")));
        assertThrows(IllegalArgumentException.class, () -> new ModuleStatus(fields("mode", "hooked")));
    }

    @Test
    void readsIntegerFields() {
        ModuleStatus status = new ModuleStatus(
                fields("version", "0.1.0", "mode", "hooked", "kills", "7", "last_victim", "1 (init)"));

        assertEquals(OptionalLong.of(7), status.longField("kills"));
        assertEquals(OptionalLong.empty(), status.longField("fallbacks"));
        assertThrows(IllegalStateException.class, () -> status.longField("last_victim"));
    }

    @Test
    void readsLastVictim() {
        assertEquals(Optional.of(new Victim(42, "a b")), status("last_victim", "42 a b").lastVictim());
        assertEquals(Optional.empty(), status("last_victim", "none").lastVictim());
        assertEquals(Optional.empty(), status("last_victim", "unknown").lastVictim());
        assertThrows(IllegalStateException.class, () -> status("last_victim", "java").lastVictim());
        assertThrows(IllegalStateException.class, () -> status("last_victim", "0 init").lastVictim());
    }

    @Test
    void readsAdvisoryHead() {
        assertEquals(OptionalInt.of(7), status("advisory_head", "7").advisoryHead());
        assertEquals(OptionalInt.empty(), status("advisory_head", "none").advisoryHead());
        assertEquals(OptionalInt.empty(), status("mode", "hooked").advisoryHead());
        assertThrows(IllegalStateException.class, () -> status("advisory_head", "-3").advisoryHead());
        assertEquals(OptionalInt.of(-100), status("advisory_saved_adj", "-100").advisorySavedAdj());
        assertEquals(OptionalInt.empty(), status("mode", "advisory").advisorySavedAdj());
    }

    @Test
    void readsCounters() {
        ModuleStatus status = new ModuleStatus(fields("version", "0.2.0", "mode", "hooked", "queue_length", "3",
                "queue_max", "256", "kills", "1", "fallbacks", "2", "oom_victims", "3"));

        assertEquals(OptionalLong.of(3), status.queueLength());
        assertEquals(OptionalLong.of(256), status.queueMax());
        assertEquals(OptionalLong.of(1), status.kills());
        assertEquals(OptionalLong.of(2), status.fallbacks());
        assertEquals(OptionalLong.of(3), status.oomVictims());
    }

    private static ModuleStatus status(String key, String value) {
        Map<String, String> map = fields("version", "0.2.0", "mode", "advisory");
        map.put(key, value);
        return new ModuleStatus(map);
    }

    @Test
    void mapsModeNames() {
        assertEquals(Mode.HOOKED, Mode.fromKernelName("hooked"));
        assertEquals(Mode.ADVISORY, Mode.fromKernelName("advisory"));
        assertEquals(Mode.UNKNOWN, Mode.fromKernelName("bpf"));
        assertEquals(Mode.UNKNOWN, Mode.fromKernelName(null));
    }
}
