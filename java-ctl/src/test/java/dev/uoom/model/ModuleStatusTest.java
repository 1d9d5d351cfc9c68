package dev.uoom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
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
    void mapsModeNames() {
        assertEquals(Mode.HOOKED, Mode.fromKernelName("hooked"));
        assertEquals(Mode.ADVISORY, Mode.fromKernelName("advisory"));
        assertEquals(Mode.UNKNOWN, Mode.fromKernelName("bpf"));
        assertEquals(Mode.UNKNOWN, Mode.fromKernelName(null));
    }
}
