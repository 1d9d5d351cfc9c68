package dev.uoom.vmtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an OOM scenario's {@code fate} helper ({@code vm-test/guest/oom.sh}) saved: each named
 * process's pid and whether it is alive, the OOM victims in the order the kernel logged them, and
 * {@code /proc/oom_status} as it read after the OOM (empty without the module).
 */
record OomFate(Map<String, Integer> pids, Map<String, Boolean> alive, List<Integer> victims, String status) {

    static OomFate of(VmResult result) throws IOException {
        return of(result.shareDir());
    }

    /** What the scenario saved in {@code share}, the directory it saw as {@code /mnt}. */
    static OomFate of(Path share) throws IOException {
        List<String[]> lines = Files.readString(share.resolve("fate")).lines().map(l -> l.split(" ")).toList();
        Map<String, Integer> pids = lines.stream().collect(Collectors.toMap(l -> l[0], l -> Integer.parseInt(l[1])));
        Map<String, Boolean> alive = lines.stream().collect(Collectors.toMap(l -> l[0], l -> l[2].equals("alive")));
        List<Integer> victims = Arrays.stream(Files.readString(share.resolve("victims")).split("\\s+"))
                .filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
        Path status = share.resolve("oom_status");
        return new OomFate(pids, alive, victims, Files.isRegularFile(status) ? Files.readString(status) : "");
    }

    int pid(String name) {
        Integer pid = pids.get(name);
        if (pid == null) {
            throw new AssertionError("the scenario saved no fate for " + name + ": " + this);
        }
        return pid;
    }

    boolean alive(String name) {
        pid(name);
        return alive.get(name);
    }

    /** The value of {@code key: value} in the post-OOM {@code /proc/oom_status}, if present. */
    Optional<String> statusValue(String key) {
        return status.lines().filter(l -> l.startsWith(key + ": ")).map(l -> l.substring(key.length() + 2).strip())
                .findFirst();
    }
}
