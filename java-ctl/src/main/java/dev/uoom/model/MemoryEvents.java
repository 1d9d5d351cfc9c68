package dev.uoom.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cgroup v2 {@code memory.events} file: how often the group hit each memory boundary since it was created
 * ({@code Documentation/admin-guide/cgroup-v2.rst}).
 *
 * @param low reclaims of a group under {@code memory.low} protection
 * @param high throttled allocations over {@code memory.high}
 * @param max charges that would have gone over {@code memory.max}
 * @param oom times the group's OOM killer was invoked (allocations that failed after reclaim)
 * @param oomKill processes the OOM killer killed in the group
 * @param oomGroupKill group kills ({@code memory.oom.group}); 0 on kernels without the field
 */
public record MemoryEvents(long low, long high, long max, long oom, long oomKill, long oomGroupKill) {
    /** All counters zero. */
    public static final MemoryEvents ZERO = new MemoryEvents(0, 0, 0, 0, 0, 0);

    /** The counts since {@code before}: each counter minus the earlier one. */
    public MemoryEvents minus(MemoryEvents before) {
        return new MemoryEvents(low - before.low, high - before.high, max - before.max, oom - before.oom,
                oomKill - before.oomKill, oomGroupKill - before.oomGroupKill);
    }

    /** Whether every counter is zero, as a delta of an unchanged file is. */
    public boolean isZero() {
        return equals(ZERO);
    }

    /** Whether the group reached a limit: {@code high}, {@code max} or {@code oom} is not zero. */
    public boolean limitReached() {
        return high != 0 || max != 0 || oom != 0;
    }

    /** The counters by their kernel names, in the kernel's order. */
    public Map<String, Long> byName() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("low", low);
        m.put("high", high);
        m.put("max", max);
        m.put("oom", oom);
        m.put("oom_kill", oomKill);
        m.put("oom_group_kill", oomGroupKill);
        return m;
    }
}
