package dev.uoom.cli;

import java.time.Instant;
import java.util.Locale;

import dev.uoom.model.PressureEvent;

/**
 * One line of {@code uoom watch}: a {@link PressureEvent} with the wall-clock time it was read.
 *
 * @param time ISO-8601 local time with milliseconds, when uoom read the record
 * @param level LOW, MEDIUM, CRITICAL or OOM
 * @param source the kernel event, such as KSWAPD_WAKE
 * @param timestampNs the kernel's CLOCK_MONOTONIC time of the event
 * @param memAvailableKb MemAvailable at the event, in KiB
 * @param freeKb free memory at the event, in KiB
 * @param swapoutDelta pages swapped out since the previous record
 * @param victimPid the OOM victim, for level OOM; 0 if unknown
 * @param count events coalesced into this record
 */
record PressureEventReport(String time, String level, String source, long timestampNs, long memAvailableKb,
        long freeKb, long swapoutDelta, int victimPid, long count) {

    static PressureEventReport of(Instant read, PressureEvent e) {
        return new PressureEventReport(MemcgEventReport.format(read), e.level().name(), e.source().name(),
                e.timestampNs(), e.memAvailableKb(), e.freeKb(), e.swapoutDelta(), e.victimPid(), e.count());
    }

    /** {@code TIME LEVEL source: MemAvailable N kB, free N kB, swap-out +N pages[, victim PID][, N events]}. */
    String text() {
        StringBuilder b = new StringBuilder().append(time).append(' ').append(level).append(' ')
                .append(source.toLowerCase(Locale.ROOT)).append(": MemAvailable ").append(memAvailableKb)
                .append(" kB, free ").append(freeKb).append(" kB, swap-out +").append(swapoutDelta).append(" pages");
        if (victimPid != 0) {
            b.append(", victim ").append(victimPid);
        }
        if (count != 1) {
            b.append(", ").append(count).append(" events");
        }
        return b.toString();
    }
}
