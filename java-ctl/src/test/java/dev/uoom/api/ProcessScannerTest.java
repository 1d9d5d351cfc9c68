package dev.uoom.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.uoom.Fixtures;
import dev.uoom.model.ProcessSnapshot;
import dev.uoom.model.SystemSnapshot;
import dev.uoom.paths.ProcPaths;
import dev.uoom.policy.Placement;
import dev.uoom.policy.Policies;
import dev.uoom.policy.Policy;
import dev.uoom.policy.Ranking;
import dev.uoom.policy.Rule;
import dev.uoom.policy.RulesPolicy;

class ProcessScannerTest {
    @TempDir
    Path root;

    private ProcessScanner scanner(Path procRoot) {
        return new ProcessScanner(new ProcPaths(procRoot), Fixtures.CLOCK_TICKS, Fixtures.PAGE_SIZE);
    }

    @Test
    void readsEveryProcessOfTheFixture() {
        SystemSnapshot snapshot = Fixtures.snapshot();

        assertEquals(List.of(1, 2, 10, 4242, 4343, 15916, 15917, 15918, 15919, 15920, 15922, 15923, 15924),
                snapshot.processes().stream().map(ProcessSnapshot::pid).toList());
        assertEquals(6170604, snapshot.totalPages());
        assertEquals(7481, snapshot.uptime().seconds());
        ProcessSnapshot python = snapshot.process(15920).orElseThrow();
        assertEquals("python3", python.name());
        assertEquals(675, python.oomScore());
        assertEquals(0, python.oomScoreAdj());
        assertEquals("/user.slice/batch.slice/job.scope", python.cgroups().get(9).path());
        assertEquals("/root/.pyenv/versions/3.11.7/bin/python3 -c x=bytearray(300<<20); import time; time.sleep(3000)",
                python.commandLine());
        assertEquals(List.of(15922, 15923, 15924, 4343).stream().sorted().toList(),
                snapshot.children(15916).stream().map(ProcessSnapshot::pid).sorted().toList());
    }

    @Test
    void skipsProcessesThatVanishMidScan() throws IOException {
        Fixtures.copyProcRoot("snapshot", root);
        // 15917 exited after its stat was listed: later files are gone.
        Files.delete(root.resolve("15917/status"));
        // 15918 exited before the scan reached it: only the empty directory is left.
        try (var files = Files.list(root.resolve("15918"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }

        SystemSnapshot snapshot = scannerScan(root);

        assertEquals(Optional.empty(), snapshot.process(15917));
        assertEquals(Optional.empty(), snapshot.process(15918));
        assertEquals(11, snapshot.processes().size());
    }

    @Test
    void readReportsMalformedFileOfLiveProcess() throws IOException {
        Fixtures.copyProcRoot("snapshot", root);
        Files.writeString(root.resolve("15920/stat"), "15920 (python3");

        UoomException e = assertThrows(UoomException.class, () -> scanner(root).read(15920));

        assertTrue(e.getMessage().startsWith("malformed " + root.resolve("15920/stat") + ": expected"), e.getMessage());
    }

    @Test
    void scanSkipsMalformedLiveProcessAndReportsItOncePerPid() throws IOException, UoomException {
        Fixtures.copyProcRoot("snapshot", root);
        Files.writeString(root.resolve("15920/stat"), "15920 (python3");
        List<String> warnings = new ArrayList<>();
        ProcessScanner scanner = new ProcessScanner(new ProcPaths(root), Fixtures.CLOCK_TICKS, Fixtures.PAGE_SIZE,
                warnings::add);

        SystemSnapshot first = scanner.scan();
        scanner.scan();

        assertEquals(Optional.empty(), first.process(15920));
        assertEquals(12, first.processes().size());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("skipped pid 15920: malformed " + root.resolve("15920/stat")),
                warnings.get(0));

        // Once the pid is gone it is forgotten: a new process with that pid is reported again.
        Path saved = Files.move(root.resolve("15920"), root.resolve("saved"));
        scanner.scan();
        Files.move(saved, root.resolve("15920"));
        scanner.scan();

        assertEquals(2, warnings.size(), warnings.toString());
    }

    @Test
    void scanSkipsProcessWithBinaryStatus() throws IOException, UoomException {
        Fixtures.copyProcRoot("snapshot", root);
        Files.write(root.resolve("15916/status"), new byte[] {0, 1, 2, '\n'});
        List<String> warnings = new ArrayList<>();

        SystemSnapshot snapshot = new ProcessScanner(new ProcPaths(root), Fixtures.CLOCK_TICKS, Fixtures.PAGE_SIZE,
                warnings::add).scan();

        assertEquals(12, snapshot.processes().size());
        assertEquals(1, warnings.size());
    }

    @Test
    void cutsCommandLineLongerThanTheLimit() throws IOException, UoomException {
        Fixtures.copyProcRoot("snapshot", root);
        // An unprivileged user can pass many MiB of arguments; /proc/PID/cmdline returns them all.
        byte[] cmdline = new byte[ProcessScanner.CMDLINE_LIMIT + 4096];
        Arrays.fill(cmdline, (byte) 'a');
        byte[] head = "python3\0-c\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, cmdline, 0, head.length);
        cmdline[cmdline.length - 1] = 0;
        Files.write(root.resolve("15920/cmdline"), cmdline);
        List<String> warnings = new ArrayList<>();

        SystemSnapshot snapshot = new ProcessScanner(new ProcPaths(root), Fixtures.CLOCK_TICKS, Fixtures.PAGE_SIZE,
                warnings::add).scan();

        List<String> args = snapshot.process(15920).orElseThrow().cmdline();
        assertEquals(List.of("python3", "-c"), args.subList(0, 2));
        assertEquals(ProcessScanner.CMDLINE_LIMIT - head.length, args.get(2).length());
        assertEquals(13, snapshot.processes().size());
        assertEquals(List.of(), warnings);
    }

    @Test
    void aMebibyteCommandLineDoesNotStallARanking() throws Exception {
        Fixtures.copyProcRoot("snapshot", root);
        // The documented example rule over "java java java ...": quadratic for a backtracking engine.
        byte[] cmdline = "java\0".repeat((1 << 20) / 5).getBytes(StandardCharsets.US_ASCII);
        Files.write(root.resolve("15920/cmdline"), cmdline);
        Policy policy = new RulesPolicy(Policies.modern(),
                List.of(Rule.of(Rule.Action.PREFER, Rule.Field.CMDLINE, "java .*-jar batch\\.jar")));

        Ranking ranking = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> Ranking.of(policy, scanner(root).scan()));

        assertTrue(policy.readsCommandLine());
        assertEquals(Placement.NORMAL, ranking.queue().stream().filter(r -> r.process().pid() == 15920)
                .findFirst().orElseThrow().score().placement());
    }

    @Test
    void readsNoCommandLineWhenToldNot() throws Exception {
        Fixtures.copyProcRoot("snapshot", root);
        // A FIFO without a writer blocks the reader, as /proc/PID/cmdline does behind a thrashing process.
        Path cmdline = root.resolve("15920/cmdline");
        Files.delete(cmdline);
        assertEquals(0, new ProcessBuilder("mkfifo", cmdline.toString()).start().waitFor());
        ProcessScanner scanner = scanner(root).withoutCommandLines();

        SystemSnapshot snapshot = assertTimeoutPreemptively(Duration.ofSeconds(5), scanner::scan);

        assertFalse(scanner.readsCommandLines());
        assertEquals(13, snapshot.processes().size());
        assertEquals(List.of(), snapshot.process(15920).orElseThrow().cmdline());
        assertEquals("python3", snapshot.process(15920).orElseThrow().name());
    }

    @Test
    void aFewDozenMebibyteCommandLinesFitInASmallHeap() throws Exception {
        Fixtures.copyProcRoot("snapshot", root);
        byte[] cmdline = new byte[1 << 20];
        Arrays.fill(cmdline, (byte) 'j');
        for (int i = 0; i < 48; i++) {
            Path dir = Files.createDirectories(root.resolve(Integer.toString(30000 + i)));
            try (var files = Files.list(root.resolve("15920"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            Files.write(dir.resolve("cmdline"), cmdline);
            Files.writeString(dir.resolve("stat"), Files.readString(dir.resolve("stat")).replaceFirst("^15920 ",
                    (30000 + i) + " "));
        }
        // 48 MiB of argv against a 24 MiB heap: the scan holds only a bounded prefix of each.
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx24m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), ScanMain.class.getName(), root.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, p.waitFor(), out);
        assertEquals("61 " + 48 * ProcessScanner.CMDLINE_LIMIT, out.strip());
    }

    /** Scans a proc root and prints how many processes it found and how many cmdline characters it holds. */
    static final class ScanMain {
        public static void main(String[] args) throws UoomException {
            SystemSnapshot s = new ProcessScanner(new ProcPaths(Path.of(args[0])), Fixtures.CLOCK_TICKS,
                    Fixtures.PAGE_SIZE).scan();
            long chars = s.processes().stream().filter(q -> q.pid() >= 30000)
                    .mapToLong(q -> q.commandLine().length()).sum();
            System.out.println(s.processes().size() + " " + chars);
        }
    }

    @Test
    void readsOneProcess() throws UoomException {
        ProcessScanner scanner = scanner(Fixtures.procRoot("snapshot"));

        assertEquals("a) b (c", scanner.read(15919).orElseThrow().name());
        assertEquals(Optional.empty(), scanner.read(77));
    }

    @Test
    void ignoresNonPidEntries() throws IOException, UoomException {
        Fixtures.copyProcRoot("snapshot", root);
        Files.createDirectories(root.resolve("self"));
        Files.createDirectories(root.resolve("sys/vm"));
        Files.createDirectories(root.resolve("00x"));

        assertEquals(13, scanner(root).scan().processes().size());
    }

    @Test
    void reportsMissingMeminfo() throws IOException {
        Fixtures.copyProcRoot("snapshot", root);
        Files.delete(root.resolve("meminfo"));

        UoomException e = assertThrows(UoomException.class, () -> scanner(root).scan());

        assertEquals("cannot read " + root.resolve("meminfo") + ": ENOENT (No such file or directory)", e.getMessage());
        assertEquals(2, e.errno());
    }

    @Test
    void reportsMalformedUptimeWithoutLine() throws IOException {
        Fixtures.copyProcRoot("snapshot", root);
        Files.writeString(root.resolve("uptime"), "soon\n");

        UoomException e = assertThrows(UoomException.class, () -> scanner(root).scan());

        assertEquals("malformed " + root.resolve("uptime") + ": expected \"<seconds> <seconds>\", got \"soon\"",
                e.getMessage());
    }

    private SystemSnapshot scannerScan(Path procRoot) {
        try {
            return scanner(procRoot).scan();
        } catch (UoomException e) {
            throw new AssertionError(e);
        }
    }
}
