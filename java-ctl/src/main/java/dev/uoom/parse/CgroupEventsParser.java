package dev.uoom.parse;

import java.util.List;
import java.util.Map;

import dev.uoom.model.CgroupEvents;

/** Parses cgroup v2 {@code cgroup.events}: flat keyed, {@code populated} and, since 5.2, {@code frozen}. */
public final class CgroupEventsParser {
    static final String FILE = "cgroup.events";

    private CgroupEventsParser() {
    }

    /**
     * @throws ProcFormatException if a line is not {@code key value}, {@code populated} is missing or a flag is
     *         not 0 or 1
     */
    public static CgroupEvents parse(String text) {
        Map<String, Long> f = FlatKeyed.parse(FILE, text, List.of("populated"));
        return new CgroupEvents(FlatKeyed.flag(FILE, f, "populated"), FlatKeyed.flag(FILE, f, "frozen"));
    }
}
