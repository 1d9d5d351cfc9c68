package dev.uoom.model;

/**
 * A cgroup v2 {@code cgroup.events} file.
 *
 * @param populated the group or a descendant has live processes
 * @param frozen the group is frozen ({@code cgroup.freeze} took effect); false on kernels before 5.2
 */
public record CgroupEvents(boolean populated, boolean frozen) {
}
