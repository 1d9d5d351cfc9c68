package dev.uoom.model;

/**
 * A cgroup v1 {@code memory.oom_control} file.
 *
 * @param oomKillDisable the group's OOM killer is disabled: tasks over the limit wait instead
 * @param underOom a task of the group is waiting for memory right now
 * @param oomKill processes the OOM killer killed in the group; 0 on kernels before 4.13
 */
public record OomControl(boolean oomKillDisable, boolean underOom, long oomKill) {
}
