package dev.uoom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.uoom.Fixtures;
import dev.uoom.model.MemcgEvent;
import dev.uoom.model.MemoryEvents;
import dev.uoom.model.OomControl;
import dev.uoom.model.PressureEvent;

/** {@code uoom memcg} and {@code uoom watch} where no kernel event is needed. */
class MemcgCommandTest {

    private static Path v2Box(Path tmp) throws Exception {
        Path box = Files.createDirectories(tmp.resolve("box"));
        Files.copy(Fixtures.cgroupDir("v2-box").resolve("memory.events"), box.resolve("memory.events"));
        Files.writeString(box.resolve("memory.max"), "67108864\n");
        return box;
    }

    @Test
    void memcgWatchStartsAndStopsAtTheTimeout(@TempDir Path tmp) throws Exception {
        Path box = v2Box(tmp);

        CliRunner.Result r = CliRunner.run(Fixtures.procRoot("snapshot"), "memcg", "watch", box.toString(),
                "--no-psi", "--timeout", "0.2", "--json");

        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertEquals("uoom: watching " + box + " (v2: poll memory.events)", r.err().strip());
    }

    @Test
    void memcgHandleOnceWithoutAnEventFails(@TempDir Path tmp) throws Exception {
        Path box = v2Box(tmp);

        CliRunner.Result r = CliRunner.run(Fixtures.procRoot("snapshot"), "memcg", "handle", box.toString(),
                "--once", "--timeout", "0.2", "--dry-run");

        assertEquals(ExitCodes.ERROR, r.exitCode(), r.err());
        assertTrue(r.err().contains("INFO watching " + box + " (v2: poll memory.events); raise 25%, hold 10.0 s, "
                + "SIGKILL, dry run"), r.err());
        assertTrue(r.err().contains("WARNING no limit event within 0.2 s; nothing handled"), r.err());
    }

    @Test
    void memcgHandleWithoutOnceStopsAtTheTimeoutWithSuccess(@TempDir Path tmp) throws Exception {
        Path box = v2Box(tmp);

        CliRunner.Result r = CliRunner.run(Fixtures.procRoot("snapshot"), "memcg", "handle", box.toString(),
                "--timeout", "0.2", "--dry-run");
        CliRunner.Result help = CliRunner.run(tmp, "memcg", "handle", "--help");

        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(help.out().replaceAll("\\s+", " ").contains("Stop after SECONDS (exit code 0); with --once, "
                + "exit code 1 if no event came within SECONDS."), help.out());
    }

    @Test
    void timeoutsTooLongForADurationAreUsageErrors(@TempDir Path tmp) {
        for (String[] args : new String[][] {{"watch", "--timeout", "1e12"}, {"memcg", "watch", "box", "--timeout",
            "1e12"}, {"memcg", "handle", "box", "--timeout", "Infinity"}, {"memcg", "handle", "box", "--hold",
            "1e12"}}) {
            CliRunner.Result r = CliRunner.run(tmp, args);

            assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
            assertTrue(r.err().startsWith("uoom: --"), r.err());
            assertTrue(r.err().contains("must be at most 1000000000 seconds"), r.err());
        }
    }

    @Test
    void aDirectoryThatIsNotAMemcgIsAnError(@TempDir Path tmp) {
        CliRunner.Result r = CliRunner.run(Fixtures.procRoot("snapshot"), "memcg", "watch", tmp.toString());

        assertEquals(ExitCodes.ERROR, r.exitCode());
        assertTrue(r.err().startsWith("uoom: " + tmp + " is not a memory cgroup"), r.err());
    }

    @Test
    void badRaiseAndSignalAreUsageErrors(@TempDir Path tmp) {
        assertEquals(ExitCodes.USAGE, CliRunner.run(tmp, "memcg", "handle", "box", "--raise", "lots").exitCode());
        assertEquals(ExitCodes.USAGE, CliRunner.run(tmp, "memcg", "handle", "box", "--signal", "SIGFOO").exitCode());
        assertEquals(ExitCodes.USAGE, CliRunner.run(tmp, "memcg", "watch", "box", "--count", "0").exitCode());
        assertEquals(ExitCodes.USAGE, CliRunner.run(tmp, "memcg", "watch", "box", "--timeout", "-1").exitCode());
        CliRunner.Result psi = CliRunner.run(tmp, "memcg", "watch", "box", "--psi", "some 0 1000000");
        assertEquals(ExitCodes.USAGE, psi.exitCode());
        assertTrue(psi.err().startsWith("uoom: --psi: the stall must be 1 to the window"), psi.err());
        assertEquals(ExitCodes.USAGE, CliRunner.run(tmp, "memcg", "watch", "box", "--psi", "some 1 20000000")
                .exitCode());
    }

    @Test
    void watchOnAMissingDeviceOtherThanTheDefaultDoesNotBlameTheModule(@TempDir Path tmp) {
        Path missing = tmp.resolve("oom_notify");
        CliRunner.Result r = CliRunner.run(tmp, "watch", "--device", missing.toString());

        assertEquals(ExitCodes.ERROR, r.exitCode());
        assertEquals("uoom: cannot open " + missing + ": ENOENT (No such file or directory)", r.err().strip());
    }

    @Test
    void watchOnADeviceThatIsNotOursFails(@TempDir Path tmp) {
        CliRunner.Result r = CliRunner.run(tmp, "watch", "--device", "/dev/null", "--timeout", "0.1");

        assertEquals(ExitCodes.ERROR, r.exitCode());
        assertTrue(r.err().contains("ENOTTY"), r.err());
    }

    @Test
    void watchRefusesLevelNone(@TempDir Path tmp) {
        assertEquals(ExitCodes.USAGE, CliRunner.run(tmp, "watch", "--level", "none").exitCode());
        assertEquals(ExitCodes.USAGE, CliRunner.run(tmp, "watch", "--level", "severe").exitCode());
    }

    @Test
    void memcgEventLinesInTextAndJson() throws Exception {
        MemcgEvent v2 = new MemcgEvent(Instant.EPOCH, "/sys/fs/cgroup/box", MemcgEvent.Source.EVENTS,
                new MemoryEvents(0, 0, 39, 1, 1, 0), new MemoryEvents(0, 0, 40, 1, 1, 0), null);
        MemcgEventReport r = MemcgEventReport.of(v2);

        assertTrue(r.text().endsWith(" /sys/fs/cgroup/box memory.events: max +39 (40), oom +1 (1), oom_kill +1 (1)"),
                r.text());
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(r));
        assertEquals(39, json.path("delta").path("max").asLong());
        assertEquals(3, json.path("delta").size());
        assertTrue(json.path("limitReached").asBoolean());
        assertTrue(json.path("underOom").isMissingNode());

        MemcgEvent v1 = new MemcgEvent(Instant.EPOCH, "/cg/box", MemcgEvent.Source.OOM_CONTROL, MemoryEvents.ZERO,
                MemoryEvents.ZERO, new OomControl(true, true, 0));
        MemcgEventReport r1 = MemcgEventReport.of(v1);
        assertTrue(r1.text().endsWith(" /cg/box memory.oom_control: under_oom 1, oom_kill_disable 1, oom_kill 0"),
                r1.text());
        assertTrue(new ObjectMapper().writeValueAsString(r1).contains("\"underOom\":true,\"oomKillDisable\":true"));
    }

    @Test
    void pressureEventLine() {
        PressureEventReport r = PressureEventReport.of(Instant.EPOCH, new PressureEvent(PressureEvent.Level.OOM,
                PressureEvent.Source.MARK_VICTIM, 5, 1024, 512, 77, 4242, 2));

        assertTrue(r.text().endsWith(" OOM mark_victim: MemAvailable 1024 kB, free 512 kB, swap-out +77 pages, "
                + "victim 4242, 2 events"), r.text());
    }
}
