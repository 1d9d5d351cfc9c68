package dev.uoom.parse;

import java.util.ArrayList;
import java.util.List;

import dev.uoom.model.CgroupEntry;

/**
 * Parses {@code /proc/PID/cgroup}: one {@code hierarchy-ID:controller-list:cgroup-path} per line. The path
 * may itself contain colons; the controller list is empty for cgroup v2 ({@code 0::/path}).
 */
public final class CgroupParser {
    static final String FILE = "cgroup";

    private CgroupParser() {
    }

    /**
     * @throws ProcFormatException if a line has fewer than three fields or a non-numeric hierarchy id
     */
    public static List<CgroupEntry> parse(String text) {
        List<CgroupEntry> entries = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(":", 3);
            if (f.length != 3) {
                throw new ProcFormatException(FILE, i + 1, "expected \"id:controllers:path\", got \"" + lines.get(i)
                        + "\"");
            }
            int id;
            try {
                id = Integer.parseInt(f[0]);
            } catch (NumberFormatException e) {
                throw new ProcFormatException(FILE, i + 1, "hierarchy id is not an integer: \"" + f[0] + "\"");
            }
            List<String> controllers = f[1].isEmpty() ? List.of() : List.of(f[1].split(","));
            entries.add(new CgroupEntry(id, controllers, f[2]));
        }
        return List.copyOf(entries);
    }
}
