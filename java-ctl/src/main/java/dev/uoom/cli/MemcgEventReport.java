package dev.uoom.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.uoom.model.MemcgEvent;
import dev.uoom.model.MemoryEvents;

/**
 * One line of {@code uoom memcg watch}.
 *
 * @param time ISO-8601 local time with milliseconds
 * @param cgroup the group's directory
 * @param source {@code memory.events}, {@code memory.pressure} or {@code memory.oom_control}
 * @param delta v2 memory.events: counters that grew, by how much; otherwise absent
 * @param total v2: every counter now; otherwise absent
 * @param underOom v1: {@code under_oom}
 * @param oomKillDisable v1: {@code oom_kill_disable}
 * @param oomKill v1: {@code oom_kill}
 * @param limitReached whether the group hit a limit (high, max, oom; v1 under_oom)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MemcgEventReport(String time, String cgroup, String source, Map<String, Long> delta, Map<String, Long> total,
        Boolean underOom, Boolean oomKillDisable, Long oomKill, boolean limitReached) {
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    static MemcgEventReport of(MemcgEvent e) {
        boolean v1 = e.oomControl() != null;
        return new MemcgEventReport(TIME.format(e.time()), e.cgroup(), e.source().file(),
                e.source() == MemcgEvent.Source.EVENTS ? nonZero(e.delta()) : null,
                v1 ? null : e.total().byName(),
                v1 ? e.oomControl().underOom() : null,
                v1 ? e.oomControl().oomKillDisable() : null,
                v1 ? e.oomControl().oomKill() : null,
                e.limitReached());
    }

    static String format(Instant time) {
        return TIME.format(time);
    }

    private static Map<String, Long> nonZero(MemoryEvents delta) {
        Map<String, Long> m = new LinkedHashMap<>();
        delta.byName().forEach((k, v) -> {
            if (v != 0) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** {@code TIME CGROUP SOURCE: details}. */
    String text() {
        List<String> parts = new ArrayList<>();
        if (delta != null) {
            delta.forEach((k, v) -> parts.add(k + " +" + v + " (" + total.get(k) + ")"));
        }
        if (underOom != null) {
            parts.add("under_oom " + (underOom ? 1 : 0));
            parts.add("oom_kill_disable " + (oomKillDisable ? 1 : 0));
            parts.add("oom_kill " + oomKill);
        }
        if (parts.isEmpty()) {
            parts.add("pressure trigger fired");
        }
        return time + " " + cgroup + " " + source + ": " + String.join(", ", parts);
    }
}
