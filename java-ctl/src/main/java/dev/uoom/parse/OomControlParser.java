package dev.uoom.parse;

import java.util.List;
import java.util.Map;

import dev.uoom.model.OomControl;

/**
 * Parses cgroup v1 {@code memory.oom_control}: flat keyed, {@code oom_kill_disable}, {@code under_oom} and,
 * since 4.13, {@code oom_kill}.
 */
public final class OomControlParser {
    static final String FILE = "memory.oom_control";

    private OomControlParser() {
    }

    /**
     * @throws ProcFormatException if a line is not {@code key value}, a 2.6.34 key is missing or a flag is not
     *         0 or 1
     */
    public static OomControl parse(String text) {
        Map<String, Long> f = FlatKeyed.parse(FILE, text, List.of("oom_kill_disable", "under_oom"));
        return new OomControl(FlatKeyed.flag(FILE, f, "oom_kill_disable"), FlatKeyed.flag(FILE, f, "under_oom"),
                f.getOrDefault("oom_kill", 0L));
    }
}
