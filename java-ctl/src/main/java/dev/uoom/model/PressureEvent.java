package dev.uoom.model;

import java.util.Objects;

/**
 * One {@code struct uoom_notify_event} read from {@code /dev/oom_notify}: a memory-pressure event, or several of
 * the same kind coalesced.
 *
 * @param level how severe
 * @param source the kernel event that set {@code level}
 * @param timestampNs {@code CLOCK_MONOTONIC} time of the (latest coalesced) event, in nanoseconds
 * @param memAvailableKb {@code MemAvailable} at the event, in KiB
 * @param freeKb free memory at the event, in KiB
 * @param swapoutDelta pages swapped out since this descriptor's previous record
 * @param victimPid for {@link Level#OOM}, the OOM victim's pid in the reader's pid namespace; 0 if unknown
 * @param count how many events this record coalesces (an unsigned 32-bit count)
 */
public record PressureEvent(Level level, Source source, long timestampNs, long memAvailableKb, long freeKb,
        long swapoutDelta, int victimPid, long count) {

    /** {@code enum uoom_level}, lowest first. */
    public enum Level {
        NONE(0), LOW(1), MEDIUM(2), CRITICAL(3), OOM(4);

        private final int code;

        Level(int code) {
            this.code = code;
        }

        /** The value in {@code enum uoom_level}. */
        public int code() {
            return code;
        }

        /** The level with {@code code}; {@code IllegalArgumentException} if unknown. */
        public static Level of(int code) {
            for (Level l : values()) {
                if (l.code == code) {
                    return l;
                }
            }
            throw new IllegalArgumentException("unknown uoom_level " + Integer.toUnsignedString(code));
        }
    }

    /** {@code enum uoom_source}; {@link #UNKNOWN} for a value of a newer module. */
    public enum Source {
        NONE(0), KSWAPD_WAKE(1), DIRECT_RECLAIM(2), RECLAIM_RETRY(3), SWAPOUT(4), WATERMARK(5), OOM_NOTIFIER(6),
        MARK_VICTIM(7), TIMER(8), UNKNOWN(-1);

        private final int code;

        Source(int code) {
            this.code = code;
        }

        /** The value in {@code enum uoom_source}, or -1 for {@link #UNKNOWN}. */
        public int code() {
            return code;
        }

        /** The source with {@code code}, or {@link #UNKNOWN}. */
        public static Source of(int code) {
            for (Source s : values()) {
                if (s.code == code && s != UNKNOWN) {
                    return s;
                }
            }
            return UNKNOWN;
        }
    }

    public PressureEvent {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(source, "source");
    }
}
