package dev.uoom.parse;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Parses {@code cgroup.procs} (and {@code tasks}): one pid per line, in no particular order, maybe repeated. */
public final class CgroupProcsParser {
    static final String FILE = "cgroup.procs";

    private CgroupProcsParser() {
    }

    /**
     * @return the pids in file order, without repeats
     * @throws ProcFormatException if a line is not a positive integer
     */
    public static List<Integer> parse(String text) {
        Set<Integer> pids = new LinkedHashSet<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            int pid;
            try {
                pid = Integer.parseInt(lines.get(i));
            } catch (NumberFormatException e) {
                throw new ProcFormatException(FILE, i + 1, "expected a pid, got \"" + lines.get(i) + "\"");
            }
            if (pid <= 0) {
                throw new ProcFormatException(FILE, i + 1, "pid must be positive, got " + pid);
            }
            pids.add(pid);
        }
        return List.copyOf(pids);
    }
}
