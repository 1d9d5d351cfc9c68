package dev.uoom.model;

import java.util.List;
import java.util.Objects;

/**
 * One line of {@code /proc/PID/cgroup}: {@code hierarchy-ID:controller-list:cgroup-path}.
 *
 * @param hierarchyId 0 for the cgroup v2 (unified) hierarchy
 * @param controllers the v1 controllers, such as {@code memory}; empty for v2
 * @param path the cgroup path relative to the hierarchy's root, such as {@code /system.slice/foo.service}
 */
public record CgroupEntry(int hierarchyId, List<String> controllers, String path) {

    /** Copies the controller list. */
    public CgroupEntry {
        controllers = List.copyOf(controllers);
        Objects.requireNonNull(path, "path");
    }

    /** Whether this is the cgroup v2 (unified) hierarchy. */
    public boolean isUnified() {
        return hierarchyId == 0;
    }
}
