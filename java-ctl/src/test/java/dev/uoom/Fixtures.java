package dev.uoom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import dev.uoom.api.ProcessScanner;
import dev.uoom.api.UoomException;
import dev.uoom.model.SystemSnapshot;
import dev.uoom.paths.ProcPaths;

/**
 * The fixtures under {@code src/test/resources/}: proc trees under {@code proc/} and single files, most
 * captured from a real {@code /proc}, under {@code procfiles/}.
 * <p>
 * {@code proc/snapshot} was captured with {@code src/test/scripts/capture-proc-snapshot.sh} from a 6.18
 * kernel with 24 GiB and no swap; pid 1's name and command line and the v1 memory cgroup path were
 * anonymised. Hand-made: pid 4242 (an sshd with oom_score_adj -1000), pid 4343 (a zombie), the uid of
 * 15922 (1000, no capabilities) and the cgroup of 15920.
 */
public final class Fixtures {
    /** {@code USER_HZ} and page size of the machine the snapshot was captured on. */
    public static final long CLOCK_TICKS = 100;
    public static final long PAGE_SIZE = 4096;

    private Fixtures() {
    }

    /** A directory that stands for {@code /proc}, such as {@code proc/hooked}. */
    public static Path procRoot(String name) {
        return resource("/proc/" + name);
    }

    /** The text of {@code oom_status} in fixture {@code name}. */
    public static String oomStatus(String name) {
        return text(procRoot(name).resolve("oom_status"));
    }

    /** The text of {@code procfiles/NAME}. */
    public static String procFile(String name) {
        return text(resource("/procfiles").resolve(name));
    }

    /** The text of {@code proc/snapshot/PATH}, such as {@code 1/status}. */
    public static String snapshotFile(String path) {
        return text(procRoot("snapshot").resolve(path));
    }

    /** The bytes of {@code proc/snapshot/PATH}. */
    public static byte[] snapshotBytes(String path) {
        try {
            return Files.readAllBytes(procRoot("snapshot").resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A directory that stands for a memory cgroup: {@code cgroup/v2-box} (cgroup v2 files in the format of
     * Linux 6.12, values made up), {@code cgroup/v2-after-oom} (captured by {@code MemcgVmTest} in a 6.12 guest
     * after the kernel OOM-killed a memhog over a 32 MiB {@code memory.max}) or {@code cgroup/v1-box} (v1;
     * {@code memory.oom_control} captured from a 6.18 host, {@code memory.oom_control.under-oom-disabled} from the
     * 6.12 guest of {@code MemcgVmTest} after the handler resolved an OOM with the killer disabled).
     */
    public static Path cgroupDir(String name) {
        return resource("/cgroup/" + name);
    }

    /** The text of {@code cgroup/PATH}, such as {@code v2-box/memory.events}. */
    public static String cgroupFile(String path) {
        return text(resource("/cgroup").resolve(path));
    }

    /** The snapshot fixture, scanned as uoom scans {@code /proc}. */
    public static SystemSnapshot snapshot() {
        try {
            return new ProcessScanner(new ProcPaths(procRoot("snapshot")), CLOCK_TICKS, PAGE_SIZE).scan();
        } catch (UoomException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds to the proc tree {@code root} a copy of the snapshot's python3 (15920) with {@code pid}, {@code comm}
     * and {@code startTime}: a process that a scan sees, for tests that act on a real process of that pid.
     */
    public static void addProcess(Path root, long pid, String comm, long startTime) throws IOException {
        Path from = procRoot("snapshot").resolve("15920");
        Path dir = Files.createDirectories(root.resolve(Long.toString(pid)));
        for (String f : List.of("cgroup", "cmdline", "oom_score", "oom_score_adj", "status")) {
            Files.copy(from.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        String stat = Files.readString(from.resolve("stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        after[STARTTIME_AFTER_COMM] = Long.toString(startTime);
        Files.writeString(dir.resolve("stat"), pid + " (" + comm + ") " + String.join(" ", after));
    }

    /** The start time of the real process {@code pid}, from {@code /proc/PID/stat}. */
    public static long startTime(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[STARTTIME_AFTER_COMM]);
    }

    /** Field 22 of stat, starttime, counted from field 3, the first after comm. */
    private static final int STARTTIME_AFTER_COMM = 19;

    /**
     * The snapshot tree in {@code target} for the daemon: with {@code oom} (empty) and {@code self/oom_score_adj}
     * (0) as plain files, so a write to {@code oom} reads back as the queue it makes.
     */
    public static void copyDaemonRoot(Path target) throws IOException {
        copyProcRoot("snapshot", target);
        Files.writeString(target.resolve("oom"), "");
        Files.createDirectories(target.resolve("self"));
        Files.writeString(target.resolve("self/oom_score_adj"), "0\n");
    }

    /** Copies the proc tree {@code name} to {@code target}, which tests may then change. */
    public static Path copyProcRoot(String name, Path target) {
        Path source = procRoot(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static Path resource(String name) {
        URL url = Fixtures.class.getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
