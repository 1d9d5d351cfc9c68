package dev.uoom.model;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code /proc/uptime}.
 *
 * @param uptime time since boot, on the clock of {@link ProcStat#startTime()}
 * @param idle idle time summed over all CPUs
 */
public record Uptime(Duration uptime, Duration idle) {

    public Uptime {
        Objects.requireNonNull(uptime, "uptime");
        Objects.requireNonNull(idle, "idle");
    }

    /** Whole seconds since boot, as the 2.6 kernel's {@code uptime.tv_sec}. */
    public long seconds() {
        return uptime.toSeconds();
    }
}
