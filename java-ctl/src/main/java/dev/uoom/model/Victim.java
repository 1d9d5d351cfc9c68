package dev.uoom.model;

import java.util.Objects;

/**
 * A process the OOM killer took, as {@code /proc/oom_status} reports it.
 *
 * @param pid the pid in the reader's pid namespace
 * @param comm the command name at the time of the kill
 */
public record Victim(int pid, String comm) {

    public Victim {
        Objects.requireNonNull(comm, "comm");
    }
}
