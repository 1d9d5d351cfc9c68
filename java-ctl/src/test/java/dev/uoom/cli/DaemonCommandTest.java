package dev.uoom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.uoom.Fixtures;

/** {@code uoom daemon --once} against a copy of the snapshot fixture. */
class DaemonCommandTest {
    @TempDir
    Path root;

    @TempDir
    Path etc;

    @BeforeEach
    void copyFixture() throws Exception {
        Fixtures.copyDaemonRoot(root);
    }

    private Path config(String yaml) throws Exception {
        return Files.writeString(etc.resolve("daemon.yaml"), yaml);
    }

    /** The log lines without their time stamps. */
    private static List<String> log(CliRunner.Result result) {
        return result.errLines().stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    }

    @Test
    void onceRanksWritesAndExits() throws Exception {
        Path file = config("queue-length: 4\nprotect-self: {mlock: false, oom-score-adj: -800}\n");

        CliRunner.Result result = CliRunner.run(root, "daemon", "--once", "--config", file.toString());

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("", result.out());
        assertEquals("15918:747006 15920:747007 15924:747009 15916:747006\n", Files.readString(root.resolve("oom")));
        assertEquals("-800\n", Files.readString(root.resolve("self/oom_score_adj")));
        List<String> log = log(result);
        assertEquals(3, log.size(), result.err());
        assertEquals("INFO set own oom_score_adj to -800", log.get(1));
        assertEquals("INFO wrote 4 pids (trigger once, policy modern, was 0 pids): 15918 sleep 1000, "
                + "15920 python3 675, 15924 python3 668, 15916 bash 666", log.get(2));
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        CliRunner.Result result = CliRunner.run(root, "daemon", "--once", "--dry-run");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("", Files.readString(root.resolve("oom")));
        assertEquals("0\n", Files.readString(root.resolve("self/oom_score_adj")));
        List<String> log = log(result);
        assertTrue(log.get(0).startsWith("INFO starting (dry run): pid "), log.get(0));
        assertTrue(log.get(1).startsWith("INFO dry run, would write 8 pids (trigger once, policy modern"), log.get(1));
    }

    @Test
    void psiTriggerTheKernelRefusesExitsWithConfigCode() throws Exception {
        Path file = config("psi: {trigger: some 2000000 1000000}\n");

        CliRunner.Result result = CliRunner.run(root, "daemon", "--once", "--config", file.toString());

        assertEquals(ExitCodes.CONFIG, result.exitCode());
        assertEquals(List.of("uoom: " + file + ": psi.trigger: the stall must be 1 to the window (1000000) "
                + "microseconds, got 2000000"), result.errLines());
    }

    @Test
    void badConfigExitsWithConfigCode() throws Exception {
        Path file = config("psi: {trigger: often}\n");

        CliRunner.Result result = CliRunner.run(root, "daemon", "--once", "--config", file.toString());

        assertEquals(ExitCodes.CONFIG, result.exitCode());
        assertEquals(List.of("uoom: " + file + ": psi.trigger must be \"some|full STALL_US WINDOW_US\", got \"often\""),
                result.errLines());
    }

    @Test
    void moduleNotLoadedExitsWithItsCode() throws Exception {
        Files.delete(root.resolve("oom_status"));

        CliRunner.Result result = CliRunner.run(root, "daemon", "--once");

        assertEquals(ExitCodes.NOT_LOADED, result.exitCode());
        assertEquals("uoom: module not loaded (" + root.resolve("oom_status") + " does not exist); load uoom.ko first",
                result.errLines().get(result.errLines().size() - 1));
    }

    @Test
    void keepsAQueueThatAlreadyMatches() throws Exception {
        Path file = config("protect-self: {mlock: false, oom-score-adj: keep}\n");
        Files.writeString(root.resolve("oom"), "15918 15920 15924 15916 15922 15917 15919 15923\n");

        CliRunner.Result result = CliRunner.run(root, "daemon", "--once", "--config", file.toString());

        assertTrue(log(result).get(1).startsWith("INFO kept 8 pids (unchanged) (trigger once"), result.err());
        assertEquals("15918 15920 15924 15916 15922 15917 15919 15923\n", Files.readString(root.resolve("oom")));
    }
}
