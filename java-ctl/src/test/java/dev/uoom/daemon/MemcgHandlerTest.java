package dev.uoom.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.uoom.Fixtures;
import dev.uoom.api.Memcg;
import dev.uoom.api.ProcessScanner;
import dev.uoom.model.MemcgEvent;
import dev.uoom.model.MemoryEvents;
import dev.uoom.nativeio.Signals;
import dev.uoom.paths.CgroupPaths;
import dev.uoom.paths.ProcPaths;
import dev.uoom.policy.Policies;

class MemcgHandlerTest {

    @Test
    void raiseParsesBytesUnitsAndPercent() {
        assertEquals(new MemcgHandler.Raise(0, 25), MemcgHandler.Raise.parse("25%"));
        assertEquals(new MemcgHandler.Raise(64L << 20, 0), MemcgHandler.Raise.parse("64M"));
        assertEquals(new MemcgHandler.Raise(4096, 0), MemcgHandler.Raise.parse("4096"));
        assertEquals(new MemcgHandler.Raise(1L << 30, 0), MemcgHandler.Raise.parse("1g"));
        assertThrows(IllegalArgumentException.class, () -> MemcgHandler.Raise.parse("lots"));
        assertThrows(IllegalArgumentException.class, () -> MemcgHandler.Raise.parse("0%"));
    }

    @Test
    void raiseApplies() {
        assertEquals(80L << 20, MemcgHandler.Raise.parse("25%").apply(64L << 20));
        assertEquals(150, MemcgHandler.Raise.parse("50%").apply(100));
        assertEquals(100, MemcgHandler.Raise.parse("50%").apply(67));
        assertEquals(128L << 20, MemcgHandler.Raise.parse("64M").apply(64L << 20));
        assertThrows(ArithmeticException.class, () -> MemcgHandler.Raise.parse("1%").apply(Long.MAX_VALUE));
    }

    @Test
    void dryRunLogsEveryStepAndChangesNothing(@TempDir Path tmp) throws Exception {
        Path dir = copy(Fixtures.cgroupDir("v2-box"), tmp.resolve("box"));
        // The group holds the snapshot's sleep and python3 processes; python3 has the most memory.
        Files.writeString(dir.resolve("cgroup.procs"), "15917\n15920\n");
        Files.writeString(dir.resolve("memory.high"), "50331648\n");
        Files.writeString(dir.resolve("cgroup.freeze"), "0\n");
        StringWriter out = new StringWriter();
        MemcgHandler handler = new MemcgHandler(Memcg.open(new CgroupPaths(dir)),
                new MemcgHandler.Settings(MemcgHandler.Raise.parse("50%"), Duration.ZERO, Policies.modern(),
                        Signals.SIGKILL, true),
                new ProcessScanner(new ProcPaths(Fixtures.procRoot("snapshot")), Fixtures.CLOCK_TICKS,
                        Fixtures.PAGE_SIZE),
                DaemonLog.create(new PrintWriter(out), Level.INFO));
        MemoryEvents delta = new MemoryEvents(0, 0, 2, 1, 0, 0);

        MemcgHandler.Outcome outcome = handler.handle(new MemcgEvent(Instant.now(), dir.toString(),
                MemcgEvent.Source.EVENTS, delta, delta, null));

        String log = out.toString();
        List<String> expected = List.of("limit reached (max +2, oom +1); handling (dry run: nothing changes)",
                "step 1 freeze: would write 1 to cgroup.freeze",
                "step 2 victim: pid 15920 (python3)",
                "step 3 kill: would send SIGKILL to pid 15920",
                "step 4 raise: would write memory.high 50331648 -> 75497472",
                "step 4 raise: would write memory.max 67108864 -> 100663296",
                "step 5 thaw: would write 0 to cgroup.freeze",
                "step 6 restore: would write back the original limits");
        int at = 0;
        for (String step : expected) {
            int found = log.indexOf(step, at);
            assertTrue(found >= 0, "missing or out of order: " + step + "\n" + log);
            at = found;
        }
        assertEquals(Optional.of(15920), outcome.victim());
        assertEquals("67108864\n", Files.readString(dir.resolve("memory.max")));
        assertEquals("50331648\n", Files.readString(dir.resolve("memory.high")));
        assertEquals("0\n", Files.readString(dir.resolve("cgroup.freeze")));
    }

    @Test
    void raisesAndRestoresTheLimitsAndNeverFreezesItself(@TempDir Path tmp) throws Exception {
        Path dir = copy(Fixtures.cgroupDir("v2-box"), tmp.resolve("box"));
        // Only this JVM is in the group: it must not freeze itself, and it is never a victim.
        Files.writeString(dir.resolve("cgroup.procs"), ProcessHandle.current().pid() + "\n");
        Files.writeString(dir.resolve("cgroup.events"), "populated 1\nfrozen 0\n");
        Files.writeString(dir.resolve("cgroup.freeze"), "0\n");
        StringWriter out = new StringWriter();
        MemcgHandler handler = new MemcgHandler(Memcg.open(new CgroupPaths(dir)),
                new MemcgHandler.Settings(MemcgHandler.Raise.parse("16M"), Duration.ZERO, Policies.modern(),
                        Signals.SIGKILL, false),
                new ProcessScanner(new ProcPaths(Fixtures.procRoot("snapshot")), Fixtures.CLOCK_TICKS,
                        Fixtures.PAGE_SIZE),
                DaemonLog.create(new PrintWriter(out), Level.INFO));
        MemoryEvents delta = new MemoryEvents(0, 1, 0, 0, 0, 0);

        MemcgHandler.Outcome outcome = handler.handle(new MemcgEvent(Instant.now(), dir.toString(),
                MemcgEvent.Source.EVENTS, delta, delta, null));

        String log = out.toString();
        for (String step : List.of("WARNING step 1 freeze: skipped, the handler itself",
                "step 2 victim: none of the 0 processes in the group may be chosen", "step 3 kill: no victim",
                "step 4 raise: memory.max 67108864 -> 83886080", "step 5 thaw: cgroup.freeze 0, cgroup.events frozen 0",
                "step 6 restore: memory.max 67108864")) {
            assertTrue(log.contains(step), "missing: " + step + "\n" + log);
        }
        assertEquals(Optional.empty(), outcome.victim());
        assertEquals(Map.of("memory.max", OptionalLong.of(64L << 20)), outcome.raised());
        assertTrue(outcome.restored());
        // Kernel files are written without O_TRUNC: a regular file keeps the old tail.
        assertEquals("67108864", Files.readString(dir.resolve("memory.max")).strip());
        assertEquals("max\n", Files.readString(dir.resolve("memory.high")));
        assertEquals("0", Files.readString(dir.resolve("cgroup.freeze")).strip());
    }

    @Test
    void killsTheVictimItRankedNeverAProcessThatGotItsPid(@TempDir Path tmp) throws Exception {
        Path dir = copy(Fixtures.cgroupDir("v1-box"), tmp.resolve("box"));
        Path proc = Fixtures.copyProcRoot("snapshot", tmp.resolve("proc"));
        Process seen = new ProcessBuilder("sleep", "60").start();
        Process recycled = new ProcessBuilder("sleep", "60").start();
        try {
            Fixtures.addProcess(proc, seen.pid(), "seen", Fixtures.startTime(seen.pid()));
            // The scan saw an earlier process under this pid: it exited, and the pid went to another.
            Fixtures.addProcess(proc, recycled.pid(), "recycled", Fixtures.startTime(recycled.pid()) - 1);

            Files.writeString(dir.resolve("cgroup.procs"), recycled.pid() + "\n");
            StringWriter out = new StringWriter();
            MemcgHandler.Outcome outcome = handler(dir, proc, out).handle(v1Event(dir));

            assertEquals(Optional.empty(), outcome.victim(), out.toString());
            assertTrue(out.toString().contains("step 1 freeze: SIGSTOP to pid " + recycled.pid()), out.toString());
            assertTrue(out.toString().contains("step 3 kill: pid " + recycled.pid() + " exited or its pid was reused; "
                    + "not signalled"), out.toString());
            assertTrue(out.toString().contains("step 5 thaw: SIGCONT to pid " + recycled.pid()), out.toString());
            assertTrue(recycled.isAlive());
            assertNotEquals("T", state(recycled.pid()));

            Files.writeString(dir.resolve("cgroup.procs"), seen.pid() + "\n");
            outcome = handler(dir, proc, new StringWriter()).handle(v1Event(dir));

            assertEquals(Optional.of(Math.toIntExact(seen.pid())), outcome.victim());
            assertTrue(seen.waitFor(10, TimeUnit.SECONDS));
            assertEquals(128 + Signals.SIGKILL, seen.exitValue());
        } finally {
            seen.destroyForcibly();
            recycled.destroyForcibly();
        }
    }

    private static MemcgHandler handler(Path dir, Path proc, StringWriter out) throws Exception {
        return new MemcgHandler(Memcg.open(new CgroupPaths(dir)), new MemcgHandler.Settings(
                MemcgHandler.Raise.parse("16M"), Duration.ZERO, Policies.modern(), Signals.SIGKILL, false),
                new ProcessScanner(new ProcPaths(proc), Fixtures.CLOCK_TICKS, Fixtures.PAGE_SIZE),
                DaemonLog.create(new PrintWriter(out, true), Level.INFO));
    }

    private static MemcgEvent v1Event(Path dir) {
        MemoryEvents delta = new MemoryEvents(0, 0, 1, 1, 0, 0);
        return new MemcgEvent(Instant.now(), dir.toString(), MemcgEvent.Source.EVENTS, delta, delta, null);
    }

    /** The state letter of {@code /proc/PID/stat}, such as S (sleeping) or T (stopped). */
    private static String state(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    }

    private static Path copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        }
        return to;
    }
}
