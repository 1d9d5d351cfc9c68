package dev.uoom.parse;

import java.util.List;
import java.util.Map;

import dev.uoom.model.MemoryEvents;

/**
 * Parses cgroup v2 {@code memory.events} (and {@code memory.events.local}): flat keyed, {@code low},
 * {@code high}, {@code max}, {@code oom}, {@code oom_kill} and, since 5.15, {@code oom_group_kill}. Later
 * keys are ignored.
 */
public final class MemoryEventsParser {
    static final String FILE = "memory.events";
    private static final List<String> REQUIRED = List.of("low", "high", "max", "oom", "oom_kill");

    private MemoryEventsParser() {
    }

    /**
     * @throws ProcFormatException if a line is not {@code key value} or a key before 5.15 is missing
     */
    public static MemoryEvents parse(String text) {
        Map<String, Long> f = FlatKeyed.parse(FILE, text, REQUIRED);
        return new MemoryEvents(f.get("low"), f.get("high"), f.get("max"), f.get("oom"), f.get("oom_kill"),
                f.getOrDefault("oom_group_kill", 0L));
    }
}
