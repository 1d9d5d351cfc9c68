package dev.uoom.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Something happened in a memory cgroup: its {@code memory.events} counters moved (v2), its memory pressure
 * crossed the PSI trigger (v2), or it entered OOM (v1 {@code memory.oom_control} eventfd).
 *
 * @param time when the watcher saw it
 * @param cgroup the group's directory
 * @param source which file reported it
 * @param delta v2 {@link Source#EVENTS}: the counters' growth since the previous event; otherwise zero
 * @param total v2: the counters now; v1: zero
 * @param oomControl v1: the state of {@code memory.oom_control} at the event; otherwise {@code null}
 */
public record MemcgEvent(Instant time, String cgroup, Source source, MemoryEvents delta, MemoryEvents total,
        OomControl oomControl) {

    /** The file that reported an event. */
    public enum Source {
        /** v2 {@code memory.events} changed ({@code POLLPRI}). */
        EVENTS("memory.events"),
        /** v2 {@code memory.pressure}: the PSI trigger fired. */
        PRESSURE("memory.pressure"),
        /** v1 {@code memory.oom_control}: the eventfd registered through {@code cgroup.event_control} fired. */
        OOM_CONTROL("memory.oom_control");

        private final String file;

        Source(String file) {
            this.file = file;
        }

        /** The kernel file, such as {@code memory.events}. */
        public String file() {
            return file;
        }
    }

    public MemcgEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(cgroup, "cgroup");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(delta, "delta");
        Objects.requireNonNull(total, "total");
    }

    /**
     * Whether the group hit a limit: v2 counters {@code high}, {@code max} or {@code oom} grew, or v1 is
     * {@code under_oom}. Pressure alone is not a limit.
     */
    public boolean limitReached() {
        return switch (source) {
            case EVENTS -> delta.limitReached();
            case PRESSURE -> false;
            case OOM_CONTROL -> oomControl != null && oomControl.underOom();
        };
    }
}
