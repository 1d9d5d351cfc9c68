package dev.uoom.model;

/**
 * A process to write to {@code /proc/oom}, identified by pid and start time so that the module refuses a pid
 * that now belongs to another process.
 *
 * @param pid the process id in the writer's pid namespace
 * @param startTime {@link ProcStat#startTime()}: clock ticks after boot
 */
public record QueueEntry(int pid, long startTime) {

    public QueueEntry {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
        if (startTime < 0) {
            throw new IllegalArgumentException("start time must not be negative: " + startTime);
        }
    }

    /** The {@code PID:START} token written to {@code /proc/oom}. */
    public String token() {
        return pid + ":" + startTime;
    }
}
